package org.loomcsp.webserver;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import org.loomcsp.CSPProcess;
import org.loomcsp.ChannelPoison;
import org.loomcsp.webserver.http.BodyReader;
import org.loomcsp.webserver.http.Exchange;
import org.loomcsp.webserver.http.Handler;
import org.loomcsp.webserver.http.HttpException;
import org.loomcsp.webserver.http.HttpInput;
import org.loomcsp.webserver.http.HttpOutput;
import org.loomcsp.webserver.http.HttpStatus;
import org.loomcsp.webserver.http.Request;
import org.loomcsp.webserver.http.RequestParser;
import org.loomcsp.webserver.http.Response;
import org.loomcsp.webserver.http.ResponseWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process that owns one TCP connection and serves every request on it, in order.
 *
 * <p>Its loop: wait for the first byte of a request; read the head; let the handler answer;
 * settle any unread body; write the response; report to the access-log process through its
 * channel (never waiting); repeat while the connection may persist. Pipelined requests are
 * answered in order from the same buffer, and output is flushed only when no further request is
 * already buffered. When the server is closing, the request in flight is answered with
 * {@code Connection: close} and an idle connection is closed at once ({@link #closeIfIdle()}).
 *
 * <p>Reads of the request head are untimed: the watchdog process watches {@link #state()} and
 * closes a connection idle for too long, or ends the input of one that takes too long to send
 * its head ({@link #timeOutRequest()}), which this process then answers with 408. Only body
 * reads carry a socket timeout.
 *
 * <p>Its {@link #state()} is read by the watchdog (write timeout) and the status page.
 */
final class ConnectionProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionProcess.class);
    /** Server-side faults: one line each, at most one every 10 s (a client must not be able to flood the log). */
    private static final RateLimitedLog FAULTS = new RateLimitedLog(LOG, 10_000);
    private static final int OUTPUT_BUFFER = 32 * 1024;
    private static final long DRAIN_LIMIT = 64 * 1024;

    /** Where the process is in its loop. */
    enum State { IDLE, READING, HANDLING, WRITING, CLOSED }

    private final long id;
    private final SocketChannel channel;
    private final ServerContext ctx;
    private final String remote;
    private final java.net.InetAddress remoteAddress;
    private final long openedNanos = System.nanoTime();
    private volatile State state = State.IDLE;
    private volatile long stateSinceNanos = System.nanoTime();
    private volatile long requestsServed;
    private volatile boolean requestTimedOut;
    private final CSPProcess process;
    private volatile HttpOutput out;
    private volatile javax.net.ssl.SSLSocket tlsSocket; // null for plain HTTP

    ConnectionProcess(long id, SocketChannel channel, ServerContext ctx) {
        this.id = id;
        this.channel = channel;
        this.ctx = ctx;
        java.net.InetAddress a;
        try {
            a = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
        } catch (IOException | RuntimeException e) {
            a = null;
        }
        this.remoteAddress = a;
        this.remote = a == null ? "-" : a.getHostAddress();
        this.out = new HttpOutput(channel, OUTPUT_BUFFER);
        // The access-log channel is deliberately not registered: one connection's failure must
        // not poison the log for every other connection.
        this.process = new CSPProcess("conn-" + id, this::run).backend(ctx.config.backend());
    }

    /** The CSP process running this connection (not started). */
    CSPProcess process() {
        return process;
    }

    long id() {
        return id;
    }

    String remote() {
        return remote;
    }

    State state() {
        return state;
    }

    long stateSinceNanos() {
        return stateSinceNanos;
    }

    long openedNanos() {
        return openedNanos;
    }

    long requestsServed() {
        return requestsServed;
    }

    private void enter(State s) {
        stateSinceNanos = System.nanoTime();
        state = s;
    }

    /** Closes the connection when it is waiting for a new request (shutdown, step 2). */
    void closeIfIdle() {
        if (state == State.IDLE) {
            forceClose();
        }
    }

    /**
     * Gives up on a request head that is arriving too slowly: ends the connection's input, so the
     * blocked read returns end-of-stream and the process answers 408 and closes.
     */
    void timeOutRequest() {
        requestTimedOut = true;
        try {
            channel.shutdownInput();
        } catch (IOException e) {
            forceClose();
        }
    }

    /** Closes the socket whatever the process is doing; its blocked I/O fails at once. */
    void forceClose() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /**
     * How long the current response write has made no progress, in nanoseconds; 0 when the
     * process is not writing.
     */
    long writeStalledNanos(long now) {
        if (state != State.WRITING) {
            return 0;
        }
        return now - Math.max(stateSinceNanos, out.progressNanos());
    }

    private void run() {
        HttpInput in = null;
        try {
            Socket socket = channel.socket();
            InputStream is = socket.getInputStream();
            Handler handler = ctx.handler;
            int bufferSize = ctx.config.parserLimits().bufferSize();
            if (ctx.tls != null) {
                // the first byte tells a TLS handshake (a 0x16 record) from a plain-HTTP request sent to
                // the TLS port (nginx's "497"): the latter gets a redirect to https, or 400, and is closed
                int first = is.read();
                if (first < 0) {
                    return;
                }
                InputStream replay = new java.io.ByteArrayInputStream(new byte[] {(byte) first});
                if (first == 0x16) {
                    javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) ctx.tls.getSocketFactory()
                            .createSocket(socket, replay, true);
                    ssl.setUseClientMode(false);
                    tlsSocket = ssl;
                    ssl.startHandshake();
                    out = new HttpOutput(java.nio.channels.Channels.newChannel(ssl.getOutputStream()), OUTPUT_BUFFER);
                    in = new HttpInput(ssl.getInputStream(), ssl::setSoTimeout, bufferSize);
                } else {
                    in = new HttpInput(new java.io.SequenceInputStream(replay, is), socket::setSoTimeout, bufferSize);
                    handler = ctx.config.httpsRedirect() ? ConnectionProcess::redirectToHttps
                            : ex -> Response.error(HttpStatus.BAD_REQUEST).close();
                }
            } else {
                in = new HttpInput(is, socket::setSoTimeout, bufferSize);
            }
            serve(in, out, handler);
        } catch (IOException | ChannelPoison e) {
            // the client went away, a timeout passed, or shutdown forced the close
        } catch (RuntimeException e) {
            FAULTS.warn("connection " + id + " failed", e);
        } finally {
            enter(State.CLOSED);
            forceClose();
            if (in != null) {
                ctx.stats.bytesIn.add(in.bytesRead());
            }
            ctx.unregister(this);
        }
    }

    /** A plain-HTTP request on the TLS port, with --https-redirect: 301 to the same target over https. */
    private static Response redirectToHttps(Exchange ex) {
        Request req = ex.request();
        String host = req.header("host");
        if (host == null || host.isEmpty() || req.rawPath().equals("*")) {
            return Response.error(HttpStatus.BAD_REQUEST).close();
        }
        String target = req.rawPath() + (req.query() == null ? "" : "?" + req.query()); // origin form, also for an absolute-form target
        return Response.error(HttpStatus.MOVED_PERMANENTLY).header("Location", "https://" + host + target).close();
    }

    private void serve(HttpInput in, HttpOutput out, Handler handler) throws IOException {
        ServerConfig cfg = ctx.config;
        RequestParser parser = new RequestParser(cfg.parserLimits());
        int readMs = (int) cfg.readTimeout().toMillis();
        while (true) {
            enter(State.IDLE);
            if (ctx.closing() && !in.hasBuffered()) {
                return;
            }
            in.setReadTimeout(0);
            if (!in.awaitData()) {
                return;
            }
            enter(State.READING);
            Instant received = Instant.now();
            Request req;
            try {
                req = parser.parse(in);
            } catch (HttpException e) {
                finish(out, null, received, Response.error(e.status()), false, true);
                return;
            } catch (EOFException e) {
                req = null;
            }
            if (req == null) {
                if (requestTimedOut) {
                    finish(out, null, received, Response.error(HttpStatus.REQUEST_TIMEOUT), false, true);
                }
                return;
            }
            in.setReadTimeout(readMs);
            enter(State.HANDLING);
            Exchange ex = new Exchange(req, in, out, cfg.maxBodyBytes(), remoteAddress);
            Response r;
            try {
                r = handler.handle(ex);
                if (r == null) {
                    r = Response.error(HttpStatus.NOT_FOUND);
                }
            } catch (HttpException e) {
                r = Response.error(e.status());
                if (e.mustClose()) {
                    r.close();
                }
            } catch (BodyReader.BodyException e) {
                r = Response.error(e.status()).close();
            } catch (SocketTimeoutException e) {
                r = Response.error(HttpStatus.REQUEST_TIMEOUT).close();
            } catch (EOFException e) {
                logUnanswered(req, received); // the body ended early: the client is gone
                return;
            } catch (IOException | RuntimeException e) {
                if (!channel.isOpen()) {
                    logUnanswered(req, received);
                    return;
                }
                FAULTS.warn("request on connection " + id + " failed (answered 500)", e);
                r = Response.error(HttpStatus.INTERNAL_SERVER_ERROR).close();
            }
            boolean close = !req.keepAlive() || r.closeRequested() || !ex.settleBody(DRAIN_LIMIT) || ctx.closing();
            requestsServed++;
            if (!finish(out, req, received, r, req.minorVersion() == 0, close)) {
                return;
            }
            if (!in.hasBuffered()) {
                out.flush();
            }
        }
    }

    /** Logs a request that got no response because the client left (or was cut) first: status 499, 0 bytes. */
    private void logUnanswered(Request req, Instant received) {
        ctx.stats.requests.increment();
        ctx.stats.countStatus(HttpStatus.CLIENT_CLOSED_REQUEST);
        ctx.log(new AccessLogEntry(remote, received, req.requestLine(), HttpStatus.CLIENT_CLOSED_REQUEST, 0,
                req.header("referer"), req.header("user-agent")));
    }

    /**
     * Writes the response, counts and logs it; on close, flushes and closes politely.
     *
     * @return true when the connection stays open
     */
    private boolean finish(HttpOutput out, Request req, Instant received, Response r, boolean http10, boolean close)
            throws IOException {
        enter(State.WRITING);
        long before = out.bytesWritten() + out.buffered();
        boolean head = req != null && req.isHead();
        long headLen = -1;
        IOException failed = null;
        try {
            headLen = ResponseWriter.writeHead(out, r, close, http10);
            ResponseWriter.writeBody(out, r, head);
            if (close) {
                out.flush();
            }
        } catch (IOException e) {
            failed = e;
        } finally {
            closeFiles(r);
        }
        // on success, buffered bytes count as sent (they leave with the next flush); on failure only what left
        long sent = out.bytesWritten() + (failed == null ? out.buffered() : 0) - before;
        ServerStats stats = ctx.stats;
        stats.requests.increment();
        stats.bytesOut.add(Math.max(0, sent));
        stats.countStatus(r.status());
        if (ctx.accessLog != null) {
            long bodyBytes = head || headLen < 0 ? 0 : Math.max(0, Math.min(sent - headLen, r.contentLength()));
            ctx.log(new AccessLogEntry(remote, received, req == null ? null : req.requestLine(), r.status(), bodyBytes,
                    req == null ? null : req.header("referer"), req == null ? null : req.header("user-agent")));
        }
        if (failed != null) {
            throw failed;
        }
        if (close) {
            lingeringClose();
            return false;
        }
        return true;
    }

    private static void closeFiles(Response r) {
        FileChannel last = null;
        for (Response.Segment s : r.segments()) {
            if (s instanceof Response.FileRegion f && f.channel() != last) {
                last = f.channel();
                try {
                    last.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    /** Half-closes, then reads and discards briefly so that unread input cannot reset the reply (RFC 9112 §9.6). */
    private void lingeringClose() {
        javax.net.ssl.SSLSocket ssl = tlsSocket;
        if (ssl != null) {
            try {
                ssl.close(); // sends close_notify after the flushed response
            } catch (IOException ignored) {
                // closing anyway
            }
            return;
        }
        try {
            channel.shutdownOutput();
            Socket s = channel.socket();
            s.setSoTimeout(1000);
            InputStream is = s.getInputStream();
            byte[] scratch = new byte[8192];
            long total = 0;
            int n;
            while (total < DRAIN_LIMIT && (n = is.read(scratch)) >= 0) {
                total += n;
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
