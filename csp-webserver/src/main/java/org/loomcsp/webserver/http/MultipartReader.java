package org.loomcsp.webserver.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Streams the parts of a {@code multipart/form-data} body (RFC 7578) without buffering a part
 * in memory.
 *
 * <p>Usage: call {@link #next()} until it returns null; read each part's
 * {@link Part#content()} (unread content is skipped by the next call). A body that ends before
 * the closing delimiter, or whose part headers are malformed or too large, gives a
 * {@link BodyReader.BodyException} with status 400. Not thread-safe.
 */
public final class MultipartReader {
    /** One part: its headers, the form field name, the file name (null for plain fields), its content. */
    public record Part(Headers headers, String name, String filename, InputStream content) {}

    private final InputStream in;
    private final byte[] delimiter; // CRLF "--" boundary
    private final byte[] buf;
    private final int maxHeaderBytes;
    private int pos;
    private int lim;
    private boolean eof;
    private boolean finished;
    private PartStream current;

    /**
     * @param in             the body
     * @param boundary       the boundary parameter of the Content-Type
     * @param maxHeaderBytes the largest accepted header section of one part
     */
    public MultipartReader(InputStream in, String boundary, int maxHeaderBytes) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.maxHeaderBytes = maxHeaderBytes;
        this.buf = new byte[Math.max(16384, maxHeaderBytes + delimiter.length + 4)];
        // a virtual CRLF in front lets the first delimiter match like the others
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
    }

    /**
     * The boundary from a {@code multipart/form-data} Content-Type, or null when the type is
     * different or the boundary is missing or invalid.
     */
    public static String boundaryOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase("multipart/form-data")) {
            return null;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("boundary")) {
                String b = unquote(p.substring(eq + 1).trim());
                return b.isEmpty() || b.length() > 70 ? null : b;
            }
        }
        return null;
    }

    /** The next part, or null after the closing delimiter. */
    public Part next() throws IOException {
        if (finished) {
            return null;
        }
        if (current == null) {
            skipPreamble();
        } else {
            current.skipRest();
        }
        if (finished) {
            return null;
        }
        Headers headers = new Headers();
        int total = 0;
        while (true) {
            String line = readLine();
            if (line.isEmpty()) {
                break;
            }
            total += line.length() + 2;
            int colon = line.indexOf(':');
            if (total > maxHeaderBytes || colon <= 0) {
                throw new BodyReader.BodyException(HttpStatus.BAD_REQUEST, "bad part headers");
            }
            headers.add(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        String disposition = headers.get("content-disposition");
        String name = param(disposition, "name");
        String filename = param(disposition, "filename");
        current = new PartStream();
        return new Part(headers, name, filename, current);
    }

    private void skipPreamble() throws IOException {
        current = new PartStream();
        current.skipRest();
    }

    /** After a delimiter: "--" ends the body, CRLF starts a part. */
    private void afterDelimiter() throws IOException {
        ensure(2);
        if (lim - pos < 2) {
            throw new EOFException("multipart body ended early");
        }
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            pos += 2;
            finished = true;
        } else if (buf[pos] == '\r' && buf[pos + 1] == '\n') {
            pos += 2;
        } else {
            throw new BodyReader.BodyException(HttpStatus.BAD_REQUEST, "bad multipart delimiter");
        }
    }

    private String readLine() throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = pos + scanned; i + 1 < lim; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    String s = new String(buf, pos, i - pos, StandardCharsets.UTF_8);
                    pos = i + 2;
                    return s;
                }
            }
            scanned = Math.max(0, lim - pos - 1);
            if (lim - pos >= maxHeaderBytes) {
                throw new BodyReader.BodyException(HttpStatus.BAD_REQUEST, "part header line too long");
            }
            if (!fillMore()) {
                throw new EOFException("multipart body ended early");
            }
        }
    }

    /** Tries to have at least {@code n} bytes buffered; fewer only at end of input. */
    private void ensure(int n) throws IOException {
        while (lim - pos < n && fillMore()) {
            // keep filling
        }
    }

    private boolean fillMore() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) {
            return false;
        }
        int n = in.read(buf, lim, buf.length - lim);
        if (n < 0) {
            eof = true;
            return false;
        }
        lim += n;
        return true;
    }

    private int indexOfDelimiter() {
        int last = lim - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The content of the current part: everything up to the next delimiter. */
    private final class PartStream extends InputStream {
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            while (true) {
                int d = indexOfDelimiter();
                if (d == pos) {
                    pos += delimiter.length;
                    ended = true;
                    afterDelimiter();
                    return -1;
                }
                int safe = d >= 0 ? d - pos : lim - pos - (delimiter.length - 1);
                if (safe > 0) {
                    int n = Math.min(len, safe);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (!fillMore()) {
                    throw new EOFException("multipart body ended before its closing delimiter");
                }
            }
        }

        void skipRest() throws IOException {
            byte[] scratch = new byte[8192];
            while (read(scratch, 0, scratch.length) >= 0) {
                // discard
            }
        }
    }

    /**
     * The value of parameter {@code name} in a header such as Content-Disposition (RFC 7578 §4.2,
     * RFC 6266 §4.1): parameters are separated by {@code ;} outside quoted strings, a quoted value
     * may hold {@code ;} and backslash-escaped characters ({@code filename="a;b.txt"} is
     * {@code a;b.txt}). Null when absent.
     */
    static String param(String header, String name) {
        if (header == null) {
            return null;
        }
        int i = header.indexOf(';');
        int n = header.length();
        while (i >= 0 && i < n) {
            i++; // past ';'
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) {
                i++;
            }
            int eq = header.indexOf('=', i);
            int semi = header.indexOf(';', i);
            if (eq < 0) {
                return null;
            }
            if (semi >= 0 && semi < eq) {
                i = semi;
                continue;
            }
            String key = header.substring(i, eq).trim();
            int j = eq + 1;
            while (j < n && (header.charAt(j) == ' ' || header.charAt(j) == '\t')) {
                j++;
            }
            String value;
            if (j < n && header.charAt(j) == '"') {
                StringBuilder sb = new StringBuilder();
                j++;
                while (j < n && header.charAt(j) != '"') {
                    char c = header.charAt(j);
                    if (c == '\\' && j + 1 < n) {
                        c = header.charAt(++j);
                    }
                    sb.append(c);
                    j++;
                }
                value = sb.toString();
                j++; // past the closing quote (or the end)
                int next = header.indexOf(';', Math.min(j, n));
                i = next < 0 ? n : next;
            } else {
                int next = header.indexOf(';', j);
                value = header.substring(j, next < 0 ? n : next).trim();
                i = next < 0 ? n : next;
            }
            if (key.equalsIgnoreCase(name)) {
                return value;
            }
        }
        return null;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }
}
