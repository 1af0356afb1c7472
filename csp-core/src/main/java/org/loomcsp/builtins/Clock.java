package org.loomcsp.builtins;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelOutput;

/**
 * Ticks: sleeps {@code resolution}, then writes the current time; repeats. python-csp's {@code
 * Clock(cout, resolution=1)}.
 *
 * <p>Difference from python-csp: it writes the time of the tick ({@link Instant#now()}) instead
 * of {@code None}, since channels never carry {@code null}. As in python-csp, the period is the
 * resolution <em>plus</em> the time its reader takes to accept the tick (the clock sleeps, then
 * waits for the reader): consecutive ticks are at least {@code resolution} apart. The sleep parks
 * the process (no spinning). Runs until its channel is poisoned (seen at its next write).
 */
public class Clock extends CSPServer {

    /** Creates a clock (not started) that ticks every second. */
    public Clock(ChannelOutput<? super Instant> cout) {
        this(cout, Duration.ofSeconds(1));
    }

    /** Creates a clock (not started) that ticks every {@code resolution}. */
    public Clock(ChannelOutput<? super Instant> cout, Duration resolution) {
        super(step(cout, resolution), cout);
    }

    /** Creates a clock (not started) that ticks every {@code seconds}, as python-csp's argument. */
    public Clock(ChannelOutput<? super Instant> cout, double seconds) {
        this(cout, Duration.ofNanos(Math.round(seconds * 1e9)));
    }

    private static Step step(ChannelOutput<? super Instant> cout, Duration resolution) {
        Objects.requireNonNull(cout, "cout");
        Objects.requireNonNull(resolution, "resolution");
        if (resolution.isNegative()) {
            throw new IllegalArgumentException("resolution must not be negative: " + resolution);
        }
        return () -> {
            Thread.sleep(resolution);
            cout.write(Instant.now());
            return true;
        };
    }
}
