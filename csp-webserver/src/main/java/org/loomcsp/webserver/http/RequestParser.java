package org.loomcsp.webserver.http;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Reads and validates one request head (RFC 9112 §2-§7) from an {@link HttpInput}.
 *
 * <p>The parser is strict where laxness enables request smuggling or cache poisoning: anything
 * that does not match the grammar is rejected with a 4xx/5xx {@link HttpException} that says the
 * connection must be closed. In particular: one SP between the three request-line parts; the
 * version exactly {@code HTTP/d.d}; no whitespace before a field's colon; no obs-fold; no CR, LF
 * or NUL in values; exactly one valid Host on HTTP/1.1; Content-Length all digits and
 * consistent; Transfer-Encoding ending in {@code chunked} and never beside Content-Length.
 * Semantic checks (method allowed, path safe) are left to the caller. Stateless and
 * thread-safe.
 */
public final class RequestParser {
    private static final int MAX_LEADING_EMPTY_LINES = 8;
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) TCHAR[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TCHAR[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TCHAR[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TCHAR[c] = true;
    }

    private final ParserLimits limits;

    public RequestParser(ParserLimits limits) {
        this.limits = limits;
    }

    /** True when {@code s} is a non-empty RFC 9110 token. */
    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || !TCHAR[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses the next request head.
     *
     * @return the request, or null when the stream ended cleanly before a request began
     * @throws HttpException for any malformed or oversize head
     * @throws IOException   on I/O failure, including {@link java.net.SocketTimeoutException}
     *                       when the input's deadline passes (the caller answers 408)
     */
    public Request parse(HttpInput in) throws IOException, HttpException {
        String line;
        int empty = 0;
        do {
            line = in.readLine(limits.maxRequestLine(), HttpStatus.URI_TOO_LONG);
            if (line == null) {
                return null;
            }
        } while (line.isEmpty() && ++empty <= MAX_LEADING_EMPTY_LINES);
        if (line.isEmpty()) {
            throw HttpException.fatal(HttpStatus.BAD_REQUEST, "only empty lines");
        }

        int sp1 = line.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1 || line.indexOf(' ', sp2 + 1) >= 0) {
            throw HttpException.fatal(HttpStatus.BAD_REQUEST, "malformed request line");
        }
        String method = line.substring(0, sp1);
        String target = line.substring(sp1 + 1, sp2);
        String version = line.substring(sp2 + 1);
        if (!isToken(method)) {
            throw HttpException.fatal(HttpStatus.BAD_REQUEST, "bad method token");
        }
        int minor = parseVersion(version);
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '#') {
                throw HttpException.fatal(HttpStatus.BAD_REQUEST, "bad character in request-target");
            }
        }

        Headers headers = new Headers();
        int headerBytes = 0;
        while (true) {
            String field = in.readLine(limits.maxHeaderBytes() - headerBytes + 2, HttpStatus.HEADER_FIELDS_TOO_LARGE);
            if (field == null) {
                throw new java.io.EOFException("end of stream inside the header section");
            }
            if (field.isEmpty()) {
                break;
            }
            headerBytes += field.length() + 2;
            if (headerBytes > limits.maxHeaderBytes()) {
                throw HttpException.fatal(HttpStatus.HEADER_FIELDS_TOO_LARGE, "header section too large");
            }
            if (headers.size() >= limits.maxHeaderCount()) {
                throw HttpException.fatal(HttpStatus.HEADER_FIELDS_TOO_LARGE, "too many header fields");
            }
            parseField(field, headers);
        }

        String rawPath;
        String query = null;
        String authority = null;
        if (target.equals("*")) {
            if (!method.equals("OPTIONS")) {
                throw HttpException.fatal(HttpStatus.BAD_REQUEST, "asterisk form outside OPTIONS");
            }
            rawPath = "*";
        } else {
            String pathAndQuery;
            if (target.charAt(0) == '/') {
                pathAndQuery = target;
            } else if (method.equals("CONNECT")) {
                pathAndQuery = "/";
                authority = target;
            } else {
                int schemeEnd = target.indexOf("://");
                String scheme = schemeEnd > 0 ? target.substring(0, schemeEnd).toLowerCase(Locale.ROOT) : "";
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw HttpException.fatal(HttpStatus.BAD_REQUEST, "unsupported request-target form");
                }
                int slash = target.indexOf('/', schemeEnd + 3);
                int qm = target.indexOf('?', schemeEnd + 3);
                int authEnd = slash < 0 ? (qm < 0 ? target.length() : qm) : (qm < 0 ? slash : Math.min(slash, qm));
                authority = target.substring(schemeEnd + 3, authEnd);
                if (!validHost(authority)) {
                    throw HttpException.fatal(HttpStatus.BAD_REQUEST, "bad authority");
                }
                String rest = target.substring(authEnd);
                pathAndQuery = rest.isEmpty() || rest.charAt(0) == '?' ? "/" + rest : rest;
            }
            int q = pathAndQuery.indexOf('?');
            rawPath = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
            query = q < 0 ? null : pathAndQuery.substring(q + 1);
        }

        List<String> hosts = headers.all("host");
        if (hosts.size() > 1) {
            throw HttpException.fatal(HttpStatus.BAD_REQUEST, "repeated Host");
        }
        if (hosts.isEmpty() && minor >= 1) {
            throw HttpException.fatal(HttpStatus.BAD_REQUEST, "missing Host");
        }
        if (hosts.size() == 1 && !validHost(hosts.get(0))) {
            throw HttpException.fatal(HttpStatus.BAD_REQUEST, "invalid Host");
        }

        long contentLength = parseContentLength(headers);
        boolean chunked = false;
        List<String> te = headers.all("transfer-encoding");
        if (!te.isEmpty()) {
            if (minor == 0) {
                throw HttpException.fatal(HttpStatus.BAD_REQUEST, "Transfer-Encoding on HTTP/1.0");
            }
            if (contentLength >= 0) {
                throw HttpException.fatal(HttpStatus.BAD_REQUEST, "both Content-Length and Transfer-Encoding");
            }
            chunked = parseTransferEncoding(te);
        }

        boolean close = headers.containsToken("connection", "close");
        boolean keepAlive = minor >= 1 ? !close : !close && headers.containsToken("connection", "keep-alive");

        boolean expectContinue = false;
        String expect = headers.get("expect");
        if (expect != null && minor >= 1) {
            if (headers.count("expect") > 1 || !expect.equalsIgnoreCase("100-continue")) {
                throw HttpException.fatal(HttpStatus.EXPECTATION_FAILED, "unsupported expectation");
            }
            expectContinue = true;
        }
        return new Request(method, target, rawPath, query, minor, headers, contentLength, chunked,
                keepAlive, expectContinue, line);
    }

    private static int parseVersion(String v) throws HttpException {
        if (v.length() != 8 || !v.startsWith("HTTP/") || v.charAt(6) != '.'
                || !isDigit(v.charAt(5)) || !isDigit(v.charAt(7))) {
            throw HttpException.fatal(HttpStatus.BAD_REQUEST, "malformed HTTP-version");
        }
        if (v.charAt(5) != '1') {
            throw HttpException.fatal(HttpStatus.HTTP_VERSION_NOT_SUPPORTED, "unsupported major version");
        }
        return v.charAt(7) == '0' ? 0 : 1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static void parseField(String field, Headers headers) throws HttpException {
        char first = field.charAt(0);
        if (first == ' ' || first == '\t') {
            throw HttpException.fatal(HttpStatus.BAD_REQUEST, "obs-fold");
        }
        int colon = field.indexOf(':');
        if (colon <= 0) {
            throw HttpException.fatal(HttpStatus.BAD_REQUEST, "field without colon");
        }
        String name = field.substring(0, colon);
        if (!isToken(name)) {
            throw HttpException.fatal(HttpStatus.BAD_REQUEST, "bad field name");
        }
        int start = colon + 1;
        int end = field.length();
        while (start < end && (field.charAt(start) == ' ' || field.charAt(start) == '\t')) start++;
        while (end > start && (field.charAt(end - 1) == ' ' || field.charAt(end - 1) == '\t')) end--;
        for (int i = start; i < end; i++) {
            char c = field.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw HttpException.fatal(HttpStatus.BAD_REQUEST, "control character in field value");
            }
        }
        headers.add(name.toLowerCase(Locale.ROOT), field.substring(start, end));
    }

    /** Host = uri-host [ ":" port ], with no userinfo, path, list or whitespace (RFC 9112 §3.2). */
    static boolean validHost(String h) {
        if (h.isEmpty()) {
            return false;
        }
        int i = 0;
        if (h.charAt(0) == '[') {
            int close = h.indexOf(']');
            if (close < 2) {
                return false;
            }
            for (int j = 1; j < close; j++) {
                char c = h.charAt(j);
                if (!(isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.')) {
                    return false;
                }
            }
            i = close + 1;
        } else {
            while (i < h.length() && h.charAt(i) != ':') {
                char c = h.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c)
                        || "-._~%!$&'()*+;=".indexOf(c) >= 0;
                if (!ok) {
                    return false;
                }
                i++;
            }
            if (i == 0) {
                return false;
            }
        }
        if (i == h.length()) {
            return true;
        }
        if (h.charAt(i) != ':' || h.length() - i - 1 > 5) {
            return false;
        }
        for (int j = i + 1; j < h.length(); j++) {
            if (!isDigit(h.charAt(j))) {
                return false;
            }
        }
        return true;
    }

    private static long parseContentLength(Headers headers) throws HttpException {
        List<String> values = headers.all("content-length");
        long result = -1;
        for (String v : values) {
            for (String part : v.split(",", -1)) {
                String p = part.trim();
                if (p.isEmpty() || p.length() > 18) {
                    throw HttpException.fatal(HttpStatus.BAD_REQUEST, "bad Content-Length");
                }
                for (int i = 0; i < p.length(); i++) {
                    if (!isDigit(p.charAt(i))) {
                        throw HttpException.fatal(HttpStatus.BAD_REQUEST, "bad Content-Length");
                    }
                }
                long n = Long.parseLong(p);
                if (result >= 0 && n != result) {
                    throw HttpException.fatal(HttpStatus.BAD_REQUEST, "conflicting Content-Length");
                }
                result = n;
            }
        }
        return result;
    }

    private static boolean parseTransferEncoding(List<String> values) throws HttpException {
        int codings = 0;
        boolean lastChunked = false;
        boolean sawChunked = false;
        boolean unknown = false;
        for (String v : values) {
            for (String part : v.split(",", -1)) {
                String c = part.trim().toLowerCase(Locale.ROOT);
                if (c.isEmpty() || !isToken(c)) {
                    throw HttpException.fatal(HttpStatus.BAD_REQUEST, "bad transfer-coding");
                }
                codings++;
                lastChunked = c.equals("chunked");
                if (lastChunked) {
                    if (sawChunked) {
                        throw HttpException.fatal(HttpStatus.BAD_REQUEST, "chunked twice");
                    }
                    sawChunked = true;
                } else {
                    unknown = true;
                }
            }
        }
        if (codings == 0 || !lastChunked) {
            throw HttpException.fatal(HttpStatus.BAD_REQUEST, "final transfer-coding is not chunked");
        }
        if (unknown) {
            throw HttpException.fatal(HttpStatus.NOT_IMPLEMENTED, "unsupported transfer-coding");
        }
        return true;
    }
}
