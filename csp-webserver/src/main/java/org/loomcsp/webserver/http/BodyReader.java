package org.loomcsp.webserver.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of one request as an {@link InputStream}: either exactly Content-Length bytes or a
 * chunked body (RFC 9112 §7.1) decoded on the fly, trailers read and ignored.
 *
 * <p>Reading never goes past the end of this body, so the next pipelined request stays in the
 * connection's buffer. Errors surface as {@link BodyException}, an {@link IOException} carrying
 * the status to answer with: 400 for chunk syntax errors, 413 when the body grows past
 * {@code maxBytes}. A stream that ends early throws {@link EOFException}; it is never treated
 * as a complete body.
 */
public final class BodyReader extends InputStream {
    /** A body that cannot be read to its end; {@link #status()} is the answer to send. */
    public static final class BodyException extends IOException {
        private final int status;

        public BodyException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private static final int MAX_CHUNK_SIZE_DIGITS = 15;
    private static final int MAX_CHUNK_LINE = 4096;

    private final HttpInput in;
    private final boolean chunked;
    private final long maxBytes;
    private final int maxTrailerBytes;
    private long remaining; // in the current chunk, or of the whole fixed body
    private long total;
    private boolean done;

    /**
     * @param in              the connection input, positioned at the body's first byte
     * @param contentLength   the body length for a fixed body (ignored when chunked)
     * @param chunked         true for a chunked body
     * @param maxBytes        the largest accepted body
     * @param maxTrailerBytes the largest accepted trailer section
     */
    public BodyReader(HttpInput in, long contentLength, boolean chunked, long maxBytes, int maxTrailerBytes) {
        this.in = in;
        this.chunked = chunked;
        this.maxBytes = maxBytes;
        this.maxTrailerBytes = maxTrailerBytes;
        this.remaining = chunked ? 0 : Math.max(0, contentLength);
        this.done = !chunked && remaining == 0;
    }

    /** True once the whole body, including a chunked body's trailers, has been consumed. */
    public boolean isComplete() {
        return done;
    }

    /** Bytes of body content delivered so far. */
    public long bytesRead() {
        return total;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (done) {
            return -1;
        }
        if (remaining == 0) {
            // chunked only: between chunks
            nextChunk();
            if (done) {
                return -1;
            }
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new EOFException("body ended early");
        }
        remaining -= n;
        total += n;
        if (remaining == 0) {
            if (chunked) {
                expectCrlf();
            } else {
                done = true;
            }
        }
        return n;
    }

    /**
     * Reads and discards the rest of the body, up to {@code limit} bytes.
     *
     * @return true when the body was consumed completely
     */
    public boolean drain(long limit) throws IOException {
        byte[] scratch = new byte[8192];
        long skipped = 0;
        while (!done) {
            if (skipped >= limit) {
                return false;
            }
            int n = read(scratch, 0, (int) Math.min(scratch.length, limit - skipped));
            if (n < 0) {
                break;
            }
            skipped += n;
        }
        return done;
    }

    private void nextChunk() throws IOException {
        String line = readLine(MAX_CHUNK_LINE);
        int semi = line.indexOf(';');
        String size = semi < 0 ? line : line.substring(0, semi);
        if (semi >= 0) {
            String ext = line.substring(semi + 1).trim();
            if (ext.isEmpty()) {
                throw new BodyException(HttpStatus.BAD_REQUEST, "empty chunk extension");
            }
        }
        if (size.isEmpty() || size.length() > MAX_CHUNK_SIZE_DIGITS) {
            throw new BodyException(HttpStatus.BAD_REQUEST, "bad chunk size");
        }
        long n = 0;
        for (int i = 0; i < size.length(); i++) {
            int d = Character.digit(size.charAt(i), 16);
            if (d < 0) {
                throw new BodyException(HttpStatus.BAD_REQUEST, "bad chunk size");
            }
            n = n * 16 + d;
        }
        if (n == 0) {
            int trailerBytes = 0;
            while (true) {
                String t = readLine(maxTrailerBytes);
                if (t.isEmpty()) {
                    break;
                }
                trailerBytes += t.length() + 2;
                if (trailerBytes > maxTrailerBytes || t.indexOf(':') <= 0) {
                    throw new BodyException(HttpStatus.BAD_REQUEST, "bad trailer section");
                }
            }
            done = true;
            return;
        }
        if (total + n > maxBytes) {
            throw new BodyException(HttpStatus.CONTENT_TOO_LARGE, "chunked body too large");
        }
        remaining = n;
    }

    private void expectCrlf() throws IOException {
        int cr = in.read();
        int lf = cr == '\r' ? in.read() : cr;
        if (lf != '\n') {
            if (cr < 0 || lf < 0) {
                throw new EOFException("body ended early");
            }
            throw new BodyException(HttpStatus.BAD_REQUEST, "chunk data not followed by CRLF");
        }
    }

    private String readLine(int max) throws IOException {
        try {
            String line = in.readLine(max, HttpStatus.BAD_REQUEST);
            if (line == null) {
                throw new EOFException("body ended early");
            }
            return line;
        } catch (HttpException e) {
            throw new BodyException(e.status(), e.getMessage());
        }
    }
}
