package org.loomcsp.webserver.http;

/**
 * One parsed request head (request line and header section), framing already validated.
 *
 * @param method        the method token, case preserved (methods are case-sensitive)
 * @param target        the request-target as sent
 * @param rawPath       the path part, still percent-encoded; "*" for the asterisk form
 * @param query         the query without '?', or null
 * @param minorVersion  0 for HTTP/1.0, 1 for HTTP/1.1 (and later 1.x)
 * @param headers       the header fields
 * @param contentLength the declared body length, or -1 when there is no Content-Length
 * @param chunked       true when the body uses the chunked transfer coding
 * @param keepAlive     true when the client allows the connection to persist
 * @param expectContinue true when an HTTP/1.1 client sent {@code Expect: 100-continue}
 * @param requestLine   the request line as received, for the access log
 */
public record Request(
        String method,
        String target,
        String rawPath,
        String query,
        int minorVersion,
        Headers headers,
        long contentLength,
        boolean chunked,
        boolean keepAlive,
        boolean expectContinue,
        String requestLine) {

    /** True when the request announces a body (Content-Length &gt; 0 or chunked). */
    public boolean hasBody() {
        return chunked || contentLength > 0;
    }

    public boolean isHead() {
        return method.equals("HEAD");
    }

    /** First value of a header (lower-case name), or null. */
    public String header(String lowerName) {
        return headers.get(lowerName);
    }
}
