package org.loomcsp.webserver;

import java.time.Duration;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.ChannelPoison;

/**
 * The process that enforces the write timeout: blocking socket writes have no timeout of their
 * own, so once a tick it closes the connections that have been stuck writing for longer than
 * {@link ServerConfig#writeTimeout()} (a client that stopped reading). Its tick is a timed read
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
                    if (c.state() == ConnectionProcess.State.WRITING && now - c.stateSinceNanos() > limit) {
                        c.forceClose();
                    }
                }
            }
        } catch (ChannelPoison p) {
            // shutdown
        }
    }
}
