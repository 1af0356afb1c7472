package org.loomcsp.webserver.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a raw, percent-encoded request path to a path under the served root, lexically.
 *
 * <p>The rules (checklist §2.8): split on the raw {@code /} first, then percent-decode each
 * segment exactly once, so an encoded slash can never become a separator. A segment is refused
 * (400) when decoding is malformed, when it decodes to NUL, {@code /} or {@code \}, when it holds
 * an overlong UTF-8 form (the classic way to smuggle {@code .} or {@code /}), or when it is
 * {@code ..} (in any encoding). Other bytes are kept as they are: a segment is a file name's
 * bytes, which need not be UTF-8 (a Latin-1 name is servable; see {@link FileNames}). Empty and
 * {@code .} segments are dropped. A segment that starts with {@code .} (a dotfile, including the
 * server's own temporary upload files) is reported as hidden; one longer than a file name can
 * be ({@value FileNames#MAX_NAME_BYTES} bytes) as too long (404: no such file can exist); a
 * whole path longer than {@value #MAX_PATH_BYTES} bytes is refused with 414. Symbolic links are
 * not looked at here: the caller checks the real path against the real root. Stateless and
 * thread-safe.
 */
public final class PathResolver {
    /** The longest decoded path accepted (Linux's PATH_MAX less the root's share); longer: 414. */
    public static final int MAX_PATH_BYTES = 4000;

    /**
     * A resolved path.
     *
     * @param segments      the decoded segments for display (UTF-8, or Latin-1 when not UTF-8), none empty, none a dot segment
     * @param names         the same segments as the bytes of file names
     * @param trailingSlash true when the request path ended in {@code /}
     * @param hidden        true when a segment names a dotfile
     * @param tooLong       true when a segment is longer than any file name can be
     */
    public record Resolved(List<String> segments, List<byte[]> names, boolean trailingSlash, boolean hidden,
                           boolean tooLong) {
        /** The path under {@code root}, each segment named by its bytes ({@link FileNames#child}). */
        public Path under(Path root) throws IOException {
            Path p = root;
            for (byte[] s : names) {
                p = FileNames.child(p, s);
            }
            return p;
        }

        /** The canonical encoded URL path, with a trailing slash when asked. */
        public String urlPath(boolean slash) {
            StringBuilder sb = new StringBuilder();
            for (byte[] s : names) {
                sb.append('/').append(encodeSegment(s));
            }
            if (slash || sb.isEmpty()) {
                sb.append('/');
            }
            return sb.toString();
        }
    }

    private PathResolver() {}

    /**
     * @param rawPath the path part of the request-target, starting with {@code /}
     * @throws HttpException 400 for any refused input, 414 for a path too long to be a file's
     */
    public static Resolved resolve(String rawPath) throws HttpException {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            throw HttpException.refuse(HttpStatus.BAD_REQUEST, "path must start with /");
        }
        List<String> segments = new ArrayList<>();
        List<byte[]> names = new ArrayList<>();
        boolean hidden = false;
        boolean tooLong = false;
        int total = 0;
        int start = 1;
        int n = rawPath.length();
        while (start <= n) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = n;
            }
            byte[] seg = decodeSegment(rawPath, start, end);
            if (seg.length == 2 && seg[0] == '.' && seg[1] == '.') {
                throw HttpException.refuse(HttpStatus.BAD_REQUEST, "dot-dot segment");
            }
            if (seg.length > 0 && !(seg.length == 1 && seg[0] == '.')) {
                if (seg[0] == '.') {
                    hidden = true;
                }
                if (seg.length > FileNames.MAX_NAME_BYTES) {
                    tooLong = true;
                }
                total += seg.length + 1;
                if (total > MAX_PATH_BYTES) {
                    throw HttpException.refuse(HttpStatus.URI_TOO_LONG, "path longer than any file's");
                }
                names.add(seg);
                segments.add(FileNames.display(seg));
            }
            start = end + 1;
        }
        boolean trailing = rawPath.charAt(n - 1) == '/';
        return new Resolved(List.copyOf(segments), List.copyOf(names), trailing, hidden, tooLong);
    }

    /** True when {@code name} is acceptable as one file name in the served tree. */
    public static boolean isSafeName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.charAt(0) == '.') {
            return false;
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > FileNames.MAX_NAME_BYTES) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static byte[] decodeSegment(String raw, int from, int to) throws HttpException {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c == '%' || c >= 0x80) {
                plain = false;
                break;
            }
            if (c == '\\') {
                throw HttpException.refuse(HttpStatus.BAD_REQUEST, "backslash in path");
            }
        }
        if (plain) {
            return raw.substring(from, to).getBytes(StandardCharsets.ISO_8859_1);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= to) {
                    throw HttpException.refuse(HttpStatus.BAD_REQUEST, "truncated percent-escape");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw HttpException.refuse(HttpStatus.BAD_REQUEST, "malformed percent-escape");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c >= 0x80) {
                throw HttpException.refuse(HttpStatus.BAD_REQUEST, "non-ASCII in path");
            } else if (c == '\\') {
                throw HttpException.refuse(HttpStatus.BAD_REQUEST, "backslash in path");
            } else {
                bytes.write(c);
            }
        }
        byte[] b = bytes.toByteArray();
        for (int i = 0; i < b.length; i++) {
            int x = b[i] & 0xff;
            if (x == 0 || x == '/' || x == '\\') {
                throw HttpException.refuse(HttpStatus.BAD_REQUEST, "forbidden byte in path segment");
            }
            if (overlong(b, i)) {
                throw HttpException.refuse(HttpStatus.BAD_REQUEST, "overlong UTF-8 in path");
            }
        }
        return b;
    }

    /**
     * True when an overlong UTF-8 sequence starts at {@code i}: C0/C1 followed by a continuation
     * byte, E0 followed by 80-9F, F0 followed by 80-8F. Other non-UTF-8 bytes (Latin-1 names) pass.
     */
    private static boolean overlong(byte[] b, int i) {
        if (i + 1 >= b.length) {
            return false;
        }
        int x = b[i] & 0xff;
        int y = b[i + 1] & 0xff;
        return ((x == 0xc0 || x == 0xc1) && y >= 0x80 && y <= 0xbf)
                || (x == 0xe0 && y >= 0x80 && y <= 0x9f)
                || (x == 0xf0 && y >= 0x80 && y <= 0x8f);
    }

    /** Percent-encodes one segment for use in a URL path (RFC 3986 unreserved and a few safe characters kept). */
    public static String encodeSegment(String s) {
        return encodeSegment(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Percent-encodes the bytes of one file name for use in a URL path. */
    public static String encodeSegment(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (keep) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
