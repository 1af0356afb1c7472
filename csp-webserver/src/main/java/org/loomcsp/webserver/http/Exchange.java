package org.loomcsp.webserver.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * One request being served: its head, lazy access to its body, and the 100-continue handshake.
 *
 * <p>{@link #body()} sends {@code 100 Continue} first when the client asked for it, so a
 * handler that answers without touching the body (404, 413, 405...) never invites the client to
 * send it. After the handler returns, {@link #settleBody(long)} decides whether the connection
 * can carry another request. Not thread-safe: it lives inside one connection process.
 */
public final class Exchange {
    private final Request request;
    private final HttpInput in;
    private final HttpOutput out;
    private final long maxBody;
    private final java.net.InetAddress remote;
    private BodyReader body;
    private boolean continueSent;

    /**
     * @param remote the client's address (null when unknown)
     */
    public Exchange(Request request, HttpInput in, HttpOutput out, long maxBody, java.net.InetAddress remote) {
        this.request = request;
        this.remote = remote;
        this.in = in;
        this.out = out;
        this.maxBody = maxBody;
    }

    public Request request() {
        return request;
    }

    /** The client's address, or null when unknown. */
    public java.net.InetAddress remote() {
        return remote;
    }

    /** The request body; sends 100 Continue on first use when the client expects it. */
    public InputStream body() throws IOException {
        if (body == null) {
            if (request.expectContinue() && !continueSent && request.hasBody()) {
                ResponseWriter.writeContinue(out);
                continueSent = true;
            }
            body = new BodyReader(in, request.contentLength(), request.chunked(), maxBody, 8192);
        }
        return body;
    }

    /** Body bytes read so far. */
    public long bodyBytesRead() {
        return body == null ? 0 : body.bytesRead();
    }

    /**
     * Makes sure no unread body bytes are left to be mistaken for the next request.
     *
     * @param drainLimit the most bytes to read and discard
     * @return true when the connection is still usable; false when it must be closed (the body
     *         was left unread because the client awaits 100 Continue, was too long to drain, or
     *         was malformed)
     */
    public boolean settleBody(long drainLimit) {
        if (!request.hasBody()) {
            return true;
        }
        if (body != null && body.isComplete()) {
            return true;
        }
        if (request.expectContinue() && !continueSent) {
            return false;
        }
        if (!request.chunked() && request.contentLength() - bodyBytesRead() > drainLimit) {
            return false;
        }
        try {
            if (body == null) {
                body = new BodyReader(in, request.contentLength(), request.chunked(), maxBody, 8192);
            }
            return body.drain(drainLimit);
        } catch (IOException e) {
            return false;
        }
    }
}
