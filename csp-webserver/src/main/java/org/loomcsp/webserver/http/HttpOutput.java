package org.loomcsp.webserver.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The buffered write side of one connection.
 *
 * <p>Small writes collect in a heap buffer and go out in one system call on {@link #flush()} or
 * when the buffer fills; file regions larger than the free space go out with
 * {@link FileChannel#transferTo} (sendfile on Linux) a megabyte at a time, so large files are
 * streamed without being read into memory and progress is visible to {@link #progressNanos()}. Not thread-safe: one connection process owns it.
 */
public final class HttpOutput {
    private final WritableByteChannel ch;
    private final byte[] buf;
    private final ByteBuffer bb;
    private static final long MAX_TRANSFER = 1 << 20;

    private int len;
    private long written;
    private volatile long progressNanos = System.nanoTime();

    public HttpOutput(WritableByteChannel ch, int bufferSize) {
        this.ch = ch;
        this.buf = new byte[bufferSize];
        this.bb = ByteBuffer.wrap(buf);
    }

    /** Bytes handed to the network so far (buffered bytes not included). */
    public long bytesWritten() {
        return written;
    }

    /**
     * When the last write made progress ({@link System#nanoTime()}): a watchdog compares it with
     * the time a write started to tell a slow reader from a stalled one.
     */
    public long progressNanos() {
        return progressNanos;
    }

    /** Bytes waiting in the buffer. */
    public int buffered() {
        return len;
    }

    public void writeAscii(String s) throws IOException {
        int n = s.length();
        if (n > buf.length - len) {
            flush();
            if (n > buf.length) {
                write(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                return;
            }
        }
        for (int i = 0; i < n; i++) {
            buf[len + i] = (byte) s.charAt(i);
        }
        len += n;
    }

    public void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    public void write(byte[] b, int off, int n) throws IOException {
        if (n > buf.length - len) {
            flush();
            if (n > buf.length) {
                ByteBuffer direct = ByteBuffer.wrap(b, off, n);
                while (direct.hasRemaining()) {
                    written += ch.write(direct);
                    progressNanos = System.nanoTime();
                }
                return;
            }
        }
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    /**
     * Sends {@code count} bytes of {@code fc} starting at {@code position}: copied into the buffer
     * when they fit, otherwise transferred directly after a flush.
     *
     * @throws IOException also when the file turns out shorter than announced (the connection
     *                     must then be closed, since the Content-Length sent cannot be honoured)
     */
    public void transfer(FileChannel fc, long position, long count) throws IOException {
        if (count <= buf.length - len) {
            ByteBuffer dst = ByteBuffer.wrap(buf, len, (int) count);
            long pos = position;
            while (dst.hasRemaining()) {
                int n = fc.read(dst, pos);
                if (n < 0) {
                    throw new IOException("file shrank while being sent");
                }
                pos += n;
            }
            len += (int) count;
            return;
        }
        flush();
        long pos = position;
        long end = position + count;
        while (pos < end) {
            long n = fc.transferTo(pos, Math.min(end - pos, MAX_TRANSFER), ch);
            if (n > 0) {
                pos += n;
                written += n;
                progressNanos = System.nanoTime();
                continue;
            }
            // transferTo returns 0 when the socket cannot take more right now: under a virtual thread
            // the socket is non-blocking and sendfile's EAGAIN comes back as 0 instead of parking. Looping
            // on it would spin and pin a carrier (issue 12, item 1), so send one buffer through the
            // channel's own write, which parks (or blocks) until the client reads, and which fails at
            // once when the watchdog closes the socket (--write-timeout).
            if (pos >= fc.size()) {
                throw new IOException("file shrank while being sent");
            }
            int chunk = (int) Math.min(end - pos, buf.length);
            ByteBuffer dst = ByteBuffer.wrap(buf, 0, chunk);
            while (dst.hasRemaining()) {
                if (fc.read(dst, pos + dst.position()) < 0) {
                    throw new IOException("file shrank while being sent");
                }
            }
            dst.flip();
            while (dst.hasRemaining()) {
                written += ch.write(dst);
                progressNanos = System.nanoTime();
            }
            pos += chunk;
        }
    }

    /** Writes out everything buffered. */
    public void flush() throws IOException {
        if (len == 0) {
            return;
        }
        bb.clear().limit(len);
        while (bb.hasRemaining()) {
            written += ch.write(bb);
            progressNanos = System.nanoTime();
        }
        len = 0;
    }
}
