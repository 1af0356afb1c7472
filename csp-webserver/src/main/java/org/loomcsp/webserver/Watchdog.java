package org.loomcsp.webserver;

import java.time.Duration;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.ChannelPoison;

/**
 * The process that enforces the connection time limits from outside, so that the connection
 * processes' reads and writes need no timers on the per-request path. Once a tick it
 * <ul>
 *   <li>closes connections idle (waiting for a next request) for longer than
 *       {@link ServerConfig#idleTimeout()};</li>
 *   <li>times out connections still receiving a request head after
 *       {@link ServerConfig#requestTimeout()} (slowloris): they answer 408;</li>
 *   <li>closes connections whose response write has made no progress for longer than
 *       {@link ServerConfig#writeTimeout()} (a client that stopped reading; a slow but reading
 *       client is left alone).</li>
 * </ul>
 * Its tick (a quarter of the shortest limit, between 50 ms and 1 s) is a timed read on the
 * {@code stop} channel; the acceptor poisons that channel at shutdown, which ends it.
 */
final class Watchdog {
    private final ServerContext ctx;
    private final Channel<Object> stop;
    private final Duration tick;

    Watchdog(ServerContext ctx, Channel<Object> stop) {
        this.ctx = ctx;
        this.stop = stop;
        ServerConfig c = ctx.config;
        Duration shortest = min(min(c.writeTimeout(), c.requestTimeout()), c.idleTimeout());
        this.tick = min(Duration.ofSeconds(1), max(Duration.ofMillis(50), shortest.dividedBy(4)));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    CSPProcess process() {
        return new CSPProcess("watchdog", this::run, stop);
    }

    private void run() throws InterruptedException {
        long idle = ctx.config.idleTimeout().toNanos();
        long head = ctx.config.requestTimeout().toNanos();
        long write = ctx.config.writeTimeout().toNanos();
        try {
            while (stop.read(tick) == null) {
                long now = System.nanoTime();
                for (ConnectionProcess c : ctx.liveConnections()) {
                    // state before time: enter() writes the time before the state, so a fresh
                    // state is never paired with the previous state's (older) start time
                    ConnectionProcess.State state = c.state();
                    long inState = now - c.stateSinceNanos();
                    // if/else, not a switch on the enum: that would load a synthetic class on first use,
                    // which can fail for good when the process is out of file descriptors (class files
                    // are opened lazily), and this is exactly when the watchdog must keep working
                    if (state == ConnectionProcess.State.IDLE) {
                        if (idle > 0 && inState > idle) {
                            c.forceClose();
                        }
                    } else if (state == ConnectionProcess.State.READING) {
                        if (head > 0 && inState > head) {
                            c.timeOutRequest();
                        }
                    } else if (state == ConnectionProcess.State.WRITING) {
                        if (write > 0 && c.writeStalledNanos(now) > write) {
                            c.forceClose();
                        }
                    }
                }
            }
        } catch (ChannelPoison p) {
            // shutdown
        }
    }
}
