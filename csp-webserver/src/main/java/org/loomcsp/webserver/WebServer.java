package org.loomcsp.webserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.loomcsp.Channel;
import org.loomcsp.Par;
import org.loomcsp.webserver.http.MimeTypes;
import org.slf4j.LoggerFactory;

/**
 * A running server: the CSP network {@code Par(acceptor, watchdog, access-log)}.
 *
 * <pre>
 *                 starts, joins              tryWrite(entry)
 *   acceptor  ─────────────────►  conn-1 … conn-N  ─────────────►  [log channel]  ──►  access-log
 *      │  poison(stop)                                                 ▲  END
 *      └──────────────────────►  watchdog                              └── acceptor, last
 * </pre>
 *
 * <p>{@link #start} binds the socket and starts the network; {@link #shutdown} begins the
 * graceful shutdown (see {@link AcceptorProcess}); {@link #awaitTermination} waits for the
 * network to end. Thread-safe.
 */
public final class WebServer implements AutoCloseable {
    /** Capacity of the access-log channel: entries beyond it are dropped and counted, never waited for. */
    static final int ACCESS_LOG_CAPACITY = 16_384;

    private final ServerConfig config;
    private final ServerSocketChannel listener;
    private final ServerContext ctx;
    private final Par network;

    private WebServer(ServerConfig config, ServerSocketChannel listener, ServerContext ctx, Par network) {
        this.config = config;
        this.listener = listener;
        this.ctx = ctx;
        this.network = network;
    }

    /** Binds, builds the process network and starts it. */
    public static WebServer start(ServerConfig config) throws IOException {
        Path root = config.root() == null ? EmbeddedSite.extract() : config.root();
        Path realRoot = root.toRealPath();
        if (!Files.isDirectory(realRoot)) {
            throw new IOException("root is not a directory: " + root);
        }
        // everything that can refuse the configuration comes before the socket is bound
        if (config.writable()) {
            int removed = FileWriteHandler.removeLeftovers(realRoot);
            if (removed > 0) {
                LoggerFactory.getLogger(WebServer.class).info("removed {} temporary file(s) left by interrupted writes", removed);
            }
        }
        StatusPage status = config.statusPage() ? new StatusPage(realRoot, config.statusPageRemote()) : null;
        ServerHandler handler = handler(config, realRoot, status);
        javax.net.ssl.SSLContext tls = config.tlsKeystore() == null ? null
                : TlsSetup.context(config.tlsKeystore(), config.tlsPasswordFile());
        ServerSocketChannel listener = ServerSocketChannel.open();
        try {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(config.bind(), config.port()), 1024);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        Channel<AccessLogEntry> log = Channel.buffered(ACCESS_LOG_CAPACITY);
        Channel<Object> stop = new Channel<>();
        ServerStats stats = new ServerStats();
        ServerContext ctx = new ServerContext(config, realRoot, handler, stats,
                config.accessLog() == AccessLogFormat.OFF ? null : log, tls);
        if (status != null) {
            status.bind(ctx);
        }
        Par network = new Par(
                new AcceptorProcess(listener, ctx, stop, log).process().backend(config.backend()),
                new Watchdog(ctx, stop).process().backend(config.backend()),
                new AccessLogProcess(log, config.accessLog()).process().backend(config.backend()));
        network.start();
        return new WebServer(config, listener, ctx, network);
    }

    /** The handler chain of a server: status page in front of the read and write sides of the tree. */
    static ServerHandler handler(ServerConfig config, Path realRoot, StatusPage status) throws IOException {
        FileTree tree = new FileTree(realRoot);
        MimeTypes mime = config.mimeTypesFile() == null ? MimeTypes.builtIn() : MimeTypes.load(config.mimeTypesFile());
        FileReadHandler read = new FileReadHandler(tree, config.writable(), config.precompressed(), config.cacheControl(),
                mime);
        FileWriteHandler write = null;
        if (config.writable()) {
            WriteGuard guard = config.authenticatedWrites()
                    ? WriteGuard.load(config.passwordFile(), config.tokenFile(), config.tlsKeystore() != null)
                    : WriteGuard.open(config.tlsKeystore() != null);
            write = new FileWriteHandler(tree, config.maxBodyBytes(), guard);
        }
        return new ServerHandler(status, read, write, config.extraHeaders());
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) localAddress()).getPort();
    }

    private java.net.SocketAddress localAddress() {
        try {
            return listener.getLocalAddress();
        } catch (IOException e) {
            throw new IllegalStateException("listener closed", e);
        }
    }

    public ServerConfig config() {
        return config;
    }

    /** The real path of the directory being served. */
    public Path root() {
        return ctx.root;
    }

    public ServerStats stats() {
        return ctx.stats;
    }

    /** Live connection processes right now. */
    public int liveConnections() {
        return ctx.liveCount();
    }

    /**
     * Begins graceful shutdown and returns at once: stop accepting, answer requests in flight with
     * {@code Connection: close}, close idle connections, force the rest after the grace period,
     * flush the access log. Idempotent.
     */
    public void shutdown() {
        ctx.startClosing();
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Waits for the network to end; true when it did within {@code timeout}. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return network.join(timeout);
    }

    /** Shuts down and waits (grace period plus a margin). */
    @Override
    public void close() throws InterruptedException {
        shutdown();
        awaitTermination(config.shutdownGrace().plusSeconds(10));
    }
}
