package org.loomcsp.webserver;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.loomcsp.ChannelOutput;
import org.loomcsp.ChannelPoison;
import org.loomcsp.webserver.http.Handler;

/**
 * What the processes of one server share: configuration, the request handler, counters, the
 * table of live connection processes, the write end of the access-log channel, and the
 * "closing" flag raised by shutdown.
 *
 * <p>The only mutable shared state is in thread-safe holders (the concurrent connection table,
 * the counters, a volatile flag); everything a connection says to another process goes over
 * the access-log channel.
 */
final class ServerContext {
    final ServerConfig config;
    final Path root;
    final Handler handler;
    final ServerStats stats;
    final ChannelOutput<AccessLogEntry> accessLog; // null when the log is off
    final javax.net.ssl.SSLContext tls; // null for plain HTTP
    private final Map<Long, ConnectionProcess> live = new ConcurrentHashMap<>();
    private volatile boolean closing;

    ServerContext(ServerConfig config, Path root, Handler handler, ServerStats stats,
                  ChannelOutput<AccessLogEntry> accessLog, javax.net.ssl.SSLContext tls) {
        this.tls = tls;
        this.config = config;
        this.root = root;
        this.handler = handler;
        this.stats = stats;
        this.accessLog = accessLog;
    }

    boolean closing() {
        return closing;
    }

    void startClosing() {
        closing = true;
    }

    void register(ConnectionProcess c) {
        live.put(c.id(), c);
    }

    void unregister(ConnectionProcess c) {
        live.remove(c.id());
    }

    int liveCount() {
        return live.size();
    }

    Collection<ConnectionProcess> liveConnections() {
        return live.values();
    }

    /**
     * Hands an entry to the access-log process without ever waiting: when its buffer is full
     * (the disk is slower than the traffic) the entry is counted as dropped instead.
     */
    void log(AccessLogEntry e) {
        if (accessLog == null) {
            return;
        }
        try {
            if (!accessLog.tryWrite(e)) {
                stats.accessLogDropped.increment();
            }
        } catch (ChannelPoison p) {
            stats.accessLogDropped.increment();
        }
    }
}
