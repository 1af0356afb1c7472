package org.loomcsp.webserver.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a raw, percent-encoded request path to a path under the served root, lexically.
 *
 * <p>The rules (checklist §2.8): split on the raw {@code /} first, then percent-decode each
 * segment exactly once, so an encoded slash can never become a separator. A segment is refused
 * (400) when decoding is malformed, when it decodes to NUL, {@code /} or {@code \}, when it is not
 * valid shortest-form UTF-8, or when it is {@code ..} (in any encoding). Empty and {@code .}
 * segments are dropped. A segment that starts with {@code .} (a dotfile, including the server's
 * own temporary upload files) is reported as hidden. Symbolic links are not looked at here: the
 * caller checks the real path against the real root. Stateless and thread-safe.
 */
public final class PathResolver {

    /**
     * A resolved path.
     *
     * @param segments      the decoded segments, none empty, none a dot segment
     * @param trailingSlash true when the request path ended in {@code /}
     * @param hidden        true when a segment names a dotfile
     */
    public record Resolved(List<String> segments, boolean trailingSlash, boolean hidden) {
        /** The path under {@code root}. */
        public Path under(Path root) {
            Path p = root;
            for (String s : segments) {
                p = p.resolve(s);
            }
            return p;
        }

        /** The canonical encoded URL path, with a trailing slash when asked. */
        public String urlPath(boolean slash) {
            StringBuilder sb = new StringBuilder();
            for (String s : segments) {
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
     * @throws HttpException 400 for any refused input
     */
    public static Resolved resolve(String rawPath) throws HttpException {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            throw HttpException.refuse(HttpStatus.BAD_REQUEST, "path must start with /");
        }
        List<String> segments = new ArrayList<>();
        boolean hidden = false;
        int start = 1;
        int n = rawPath.length();
        while (start <= n) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = n;
            }
            String seg = decodeSegment(rawPath, start, end);
            if (seg.equals("..")) {
                throw HttpException.refuse(HttpStatus.BAD_REQUEST, "dot-dot segment");
            }
            if (!seg.isEmpty() && !seg.equals(".")) {
                if (seg.charAt(0) == '.') {
                    hidden = true;
                }
                segments.add(seg);
            }
            start = end + 1;
        }
        boolean trailing = rawPath.charAt(n - 1) == '/';
        return new Resolved(List.copyOf(segments), trailing, hidden);
    }

    /** True when {@code name} is acceptable as one file name in the served tree. */
    public static boolean isSafeName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.charAt(0) == '.') {
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

    private static String decodeSegment(String raw, int from, int to) throws HttpException {
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
            return raw.substring(from, to);
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
            } else {
                bytes.write(c);
            }
        }
        byte[] b = bytes.toByteArray();
        for (byte x : b) {
            if (x == 0 || x == '/' || x == '\\') {
                throw HttpException.refuse(HttpStatus.BAD_REQUEST, "forbidden byte in path segment");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b))
                    .toString();
        } catch (CharacterCodingException e) {
            throw HttpException.refuse(HttpStatus.BAD_REQUEST, "invalid UTF-8 in path");
        }
    }

    /** Percent-encodes one segment for use in a URL path (RFC 3986 unreserved and a few safe characters kept). */
    public static String encodeSegment(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
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
