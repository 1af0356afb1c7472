package org.loomcsp.webserver.http;

/**
 * A request that must be answered with an error status.
 *
 * <p>The message is for the server's own log; it is never sent to the client (error bodies
 * are fixed text chosen by status). {@link #mustClose()} says whether the connection can no
 * longer be trusted (framing errors, oversize input), in which case the server answers with
 * {@code Connection: close} and closes after the response.
 */
public final class HttpException extends Exception {
    private final int status;
    private final boolean mustClose;

    public HttpException(int status, String message, boolean mustClose) {
        super(message, null, false, false);
        this.status = status;
        this.mustClose = mustClose;
    }

    /** A framing or syntax error: the connection is closed after the response. */
    public static HttpException fatal(int status, String message) {
        return new HttpException(status, message, true);
    }

    /** A well-framed request that is refused: the connection may stay open. */
    public static HttpException refuse(int status, String message) {
        return new HttpException(status, message, false);
    }

    public int status() {
        return status;
    }

    public boolean mustClose() {
        return mustClose;
    }
}
