package org.loomcsp.webserver.http;

import java.io.IOException;

/**
 * Serialises a {@link Response} onto an {@link HttpOutput} following RFC 9110/9112 rules.
 *
 * <p>The status line always says {@code HTTP/1.1}. {@code Date} and {@code Server} are added to
 * every response; {@code Content-Length} to every response that may have a body, HEAD included
 * (it announces what GET would send). No body bytes are written for HEAD, 1xx, 204 or 304.
 * {@code Connection: close} is added when the connection will close; {@code Connection:
 * keep-alive} when an HTTP/1.0 connection persists. Stateless and thread-safe.
 */
public final class ResponseWriter {
    /** The value of the {@code Server} header: the product, without a version. */
    public static final String SERVER = "loomcsp";

    private ResponseWriter() {}

    /**
     * Writes the head and (unless suppressed) the body. Does not flush.
     *
     * @param head      true for a HEAD request: head only
     * @param close     true when the connection closes after this response
     * @param http10    true when the request was HTTP/1.0
     */
    public static void write(HttpOutput out, Response r, boolean head, boolean close, boolean http10) throws IOException {
        writeHead(out, r, close, http10);
        writeBody(out, r, head);
    }

    /**
     * Writes the status line and header section. Does not flush.
     *
     * @return the number of bytes of the head (so that a caller can tell head from body bytes sent)
     */
    public static int writeHead(HttpOutput out, Response r, boolean close, boolean http10) throws IOException {
        int status = r.status();
        boolean noBody = HttpStatus.forbidsBody(status);
        StringBuilder sb = new StringBuilder(256);
        sb.append("HTTP/1.1 ").append(status).append(' ').append(HttpStatus.reason(status)).append("\r\n");
        sb.append("Date: ").append(HttpDates.now()).append("\r\n");
        sb.append("Server: ").append(SERVER).append("\r\n");
        var fields = r.fields();
        for (int i = 0; i < fields.size(); i += 2) {
            sb.append(fields.get(i)).append(": ").append(fields.get(i + 1)).append("\r\n");
        }
        long length = r.contentLength();
        if (!noBody) {
            sb.append("Content-Length: ").append(length).append("\r\n");
        }
        if (close) {
            sb.append("Connection: close\r\n");
        } else if (http10) {
            sb.append("Connection: keep-alive\r\n");
        }
        sb.append("\r\n");
        out.writeAscii(sb.toString());
        return sb.length();
    }

    /** Writes the body unless the request was HEAD or the status forbids one. Does not flush. */
    public static void writeBody(HttpOutput out, Response r, boolean head) throws IOException {
        if (head || HttpStatus.forbidsBody(r.status())) {
            return;
        }
        for (Response.Segment s : r.segments()) {
            switch (s) {
                case Response.Bytes b -> out.write(b.data());
                case Response.FileRegion f -> out.transfer(f.channel(), f.position(), f.length());
            }
        }
    }

    /** Writes an interim {@code 100 Continue} and flushes it. */
    public static void writeContinue(HttpOutput out) throws IOException {
        out.writeAscii("HTTP/1.1 100 Continue\r\n\r\n");
        out.flush();
    }
}
