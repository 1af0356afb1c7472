package org.loomcsp.webserver;

import java.time.Duration;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.ChannelPoison;

/**
 * The process that enforces the write timeout: blocking socket writes have no timeout of their
 * own, so once a tick it closes the connections whose response write has made no progress for
 * longer than {@link ServerConfig#writeTimeout()} (a client that stopped reading; a slow but
 * reading client is left alone). Its tick is a timed read
 * on the {@code stop} channel; the acceptor poisons that channel at shutdown, which ends it.
 */
final class Watchdog {
    private final ServerContext ctx;
    private final Channel<Object> stop;
    private final Duration tick;

    Watchdog(ServerContext ctx, Channel<Object> stop) {
        this.ctx = ctx;
        this.stop = stop;
        Duration t = ctx.config.writeTimeout().dividedBy(4);
        this.tick = t.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1)
                : t.compareTo(Duration.ofMillis(50)) < 0 ? Duration.ofMillis(50) : t;
    }

    CSPProcess process() {
        return new CSPProcess("watchdog", this::run, stop);
    }

    private void run() throws InterruptedException {
        long limit = ctx.config.writeTimeout().toNanos();
        try {
            while (stop.read(tick) == null) {
                long now = System.nanoTime();
                for (ConnectionProcess c : ctx.liveConnections()) {
                    if (c.writeStalledNanos(now) > limit) {
                        c.forceClose();
                    }
                }
            }
        } catch (ChannelPoison p) {
            // shutdown
        }
    }
}
