package org.loomcsp.webserver.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * The buffered read side of one connection.
 *
 * <p>Reads are untimed unless a per-read inactivity timeout is set ({@link #setReadTimeout},
 * used while a body is being received); the idle and request-head time limits are enforced from
 * outside by the server's watchdog process, which keeps timed parks off the per-request path.
 * Requests are read back to back from the same buffer, so pipelined requests are served in
 * order; {@link #hasBuffered()} tells the caller whether another request's bytes are already
 * here. Not thread-safe: one connection process owns it.
 */
public final class HttpInput {
    /** Sets the socket's read timeout in milliseconds (0 = wait forever). */
    @FunctionalInterface
    public interface TimeoutControl {
        void setTimeout(int millis) throws IOException;
    }

    private final InputStream in;
    private final TimeoutControl timeout;
    private final byte[] buf;
    private int pos;
    private int lim;
    private int readTimeoutMillis;
    private int appliedTimeout = -1;
    private long bytesRead;

    public HttpInput(InputStream in, TimeoutControl timeout, int bufferSize) {
        this.in = in;
        this.timeout = timeout;
        this.buf = new byte[bufferSize];
    }

    /** Sets the per-read inactivity timeout (0 = none). */
    public void setReadTimeout(int millis) {
        this.readTimeoutMillis = millis;
    }

    /** True when unread bytes are buffered (for example a pipelined request). */
    public boolean hasBuffered() {
        return pos < lim;
    }

    /** Total bytes received on this connection. */
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * Waits for at least one byte (up to the read timeout, if one is set).
     *
     * @return false on end of stream or when the timeout passes with nothing received
     */
    public boolean awaitData() throws IOException {
        if (pos < lim) {
            return true;
        }
        try {
            return fill() > 0;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /**
     * Reads one line ending in LF (CRLF or bare LF) and returns it without the line ending.
     *
     * @param max            the largest accepted line, in bytes, line ending included
     * @param overflowStatus the status of the {@link HttpException} thrown for a longer line
     * @return the line decoded as ISO-8859-1, or null at end of stream before any byte of it
     * @throws HttpException 400 for a bare CR inside the line, {@code overflowStatus} when too long
     * @throws EOFException  when the stream ends inside the line
     */
    public String readLine(int max, int overflowStatus) throws IOException, HttpException {
        int scanned = 0;
        while (true) {
            int end = lim;
            for (int i = pos + scanned; i < end; i++) {
                if (buf[i] == '\n') {
                    int len = i - pos;
                    if (len + 1 > max) {
                        throw HttpException.fatal(overflowStatus, "line too long");
                    }
                    int contentLen = len > 0 && buf[i - 1] == '\r' ? len - 1 : len;
                    for (int j = pos; j < pos + contentLen; j++) {
                        if (buf[j] == '\r') {
                            throw HttpException.fatal(HttpStatus.BAD_REQUEST, "bare CR");
                        }
                    }
                    String line = new String(buf, pos, contentLen, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return line;
                }
            }
            scanned = lim - pos;
            if (scanned >= max || scanned >= buf.length) {
                throw HttpException.fatal(overflowStatus, "line too long");
            }
            int n = fill();
            if (n < 0) {
                if (scanned == 0) {
                    return null;
                }
                throw new EOFException("end of stream inside a line");
            }
        }
    }

    /** Reads one byte, or -1 at end of stream. */
    public int read() throws IOException {
        if (pos == lim && fill() < 0) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    /** Reads up to {@code len} bytes; -1 at end of stream. Never returns 0 for len &gt; 0. */
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == lim) {
            if (len >= buf.length) {
                applyTimeout();
                int n = in.read(b, off, len);
                if (n > 0) {
                    bytesRead += n;
                }
                return n;
            }
            if (fill() < 0) {
                return -1;
            }
        }
        int n = Math.min(len, lim - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    /** Reads more bytes into the buffer, compacting it first; returns the count or -1. */
    private int fill() throws IOException {
        if (pos == lim) {
            pos = 0;
            lim = 0;
        } else if (lim == buf.length && pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        applyTimeout();
        int n = in.read(buf, lim, buf.length - lim);
        if (n > 0) {
            lim += n;
            bytesRead += n;
        }
        return n == 0 ? fill() : n;
    }

    private void applyTimeout() throws IOException {
        int t = readTimeoutMillis;
        if (t != appliedTimeout) {
            timeout.setTimeout(t);
            appliedTimeout = t;
        }
    }
}
