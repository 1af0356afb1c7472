package org.loomcsp.webserver;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.ChannelPoison;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process that accepts connections and starts one {@link ConnectionProcess} per connection.
 *
 * <p>Over {@link ServerConfig#maxConnections()} live connections, a new one gets a short
 * {@code 503} with {@code Retry-After} and is closed. When the listening socket is closed
 * ({@link WebServer#shutdown()}), the acceptor runs the rest of the shutdown protocol:
 * <ol>
 *   <li>close every idle connection at once (in-flight ones see the closing flag and answer
 *       their current request with {@code Connection: close});</li>
 *   <li>wait up to {@link ServerConfig#shutdownGrace()} for the connection processes to end;</li>
 *   <li>force the rest: close their sockets and terminate their processes;</li>
 *   <li>poison the watchdog's {@code stop} channel, and send {@link AccessLogEntry#END} to the
 *       access-log process, which writes everything before it and ends.</li>
 * </ol>
 * The server's {@code Par} therefore ends only after every connection process has ended.
 */
final class AcceptorProcess {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptorProcess.class);
    /** First pause after a failed accept; doubled per further failure up to {@link #MAX_BACKOFF_MS}. */
    static final long MIN_BACKOFF_MS = 10;
    static final long MAX_BACKOFF_MS = 500;
    private final RateLimitedLog acceptFailures = new RateLimitedLog(LOG, 10_000);
    private static final byte[] BUSY = ("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n"
            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocketChannel server;
    private final ServerContext ctx;
    private final Channel<Object> stop;
    private final Channel<AccessLogEntry> log;

    AcceptorProcess(ServerSocketChannel server, ServerContext ctx, Channel<Object> stop, Channel<AccessLogEntry> log) {
        this.server = server;
        this.ctx = ctx;
        this.stop = stop;
        this.log = log;
    }

    CSPProcess process() {
        return new CSPProcess("acceptor", this::run, stop, log);
    }

    private void run() throws InterruptedException {
        long ids = 0;
        long backoff = 0;
        try {
            while (true) {
                SocketChannel ch;
                try {
                    ch = server.accept();
                    backoff = 0;
                } catch (ClosedChannelException e) {
                    break;
                } catch (IOException e) {
                    if (!server.isOpen()) {
                        break;
                    }
                    // Typically EMFILE/ENFILE (out of file descriptors): the pending connection stays
                    // queued and accept fails again at once, so retrying immediately would spin. Back
                    // off (10 ms doubling to 500 ms) until a connection ends and frees a descriptor,
                    // and report it once per 10 s, in one line.
                    backoff = backoff == 0 ? MIN_BACKOFF_MS : Math.min(MAX_BACKOFF_MS, backoff * 2);
                    acceptFailures.warn("accept failed, retrying in up to " + MAX_BACKOFF_MS + " ms", e);
                    Thread.sleep(backoff);
                    continue;
                }
                ctx.stats.connectionsAccepted.increment();
                if (ctx.closing()) {
                    closeQuietly(ch);
                    break;
                }
                if (ctx.liveCount() >= ctx.config.maxConnections()) {
                    refuse(ch);
                    continue;
                }
                ConnectionProcess c;
                try {
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    c = new ConnectionProcess(++ids, ch, ctx);
                } catch (IOException e) {
                    closeQuietly(ch);
                    continue;
                }
                ctx.register(c);
                try {
                    c.process().start();
                } catch (RuntimeException | OutOfMemoryError e) { // no thread could be created
                    ctx.unregister(c);
                    c.forceClose();
                    LOG.warn("could not start a connection process", e);
                }
            }
        } finally {
            ctx.startClosing();
            closeQuietly(server);
            drainConnections();
            stop.poison();
            try {
                log.write(AccessLogEntry.END);
            } catch (ChannelPoison p) {
                // the log process is already gone
            }
        }
    }

    /**
     * Shutdown steps 2 and 3: close idle connections, let the others finish their responses until
     * the grace period ends, then cut the ones still running (their write fails, they log what
     * they sent, and end) and, only if one does not end after that, terminate its process.
     */
    private void drainConnections() throws InterruptedException {
        for (ConnectionProcess c : ctx.liveConnections()) {
            c.closeIfIdle();
        }
        long deadline = System.nanoTime() + ctx.config.shutdownGrace().toNanos();
        for (ConnectionProcess c : List.copyOf(ctx.liveConnections())) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !c.process().join(Duration.ofNanos(Math.max(1, left)))) {
                break;
            }
        }
        List<ConnectionProcess> stragglers = new ArrayList<>();
        for (ConnectionProcess c : List.copyOf(ctx.liveConnections())) {
            if (c.process().isAlive()) {
                stragglers.add(c);
                ctx.stats.connectionsCut.increment();
                c.forceClose();
            }
        }
        for (ConnectionProcess c : stragglers) {
            if (!c.process().join(Duration.ofSeconds(2))) {
                c.process().terminate();
                c.process().join(Duration.ofSeconds(2));
            }
        }
        if (!stragglers.isEmpty()) {
            LOG.info("shutdown cut {} connection(s) still answering after the {} grace period", stragglers.size(),
                    ctx.config.shutdownGrace());
        }
    }

    private void refuse(SocketChannel ch) {
        ctx.stats.connectionsRefused.increment();
        ctx.stats.countStatus(503);
        try {
            ch.write(ByteBuffer.wrap(BUSY));
        } catch (IOException ignored) {
            // closing anyway
        }
        closeQuietly(ch);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
