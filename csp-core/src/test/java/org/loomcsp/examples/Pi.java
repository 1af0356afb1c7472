package org.loomcsp.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.loomcsp.Alt;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Par;

/**
 * A Monte-Carlo estimate of pi by a farm of workers: python-csp's {@code
 * examples/monte_carlo/pi.py}.
 *
 * <p>Each worker throws {@code samples} random points at the unit square and writes how many
 * fell inside the quarter circle, on a channel of its own. The farmer takes the results through
 * an {@link Alt} in whatever order they come, and after each one calls {@link Alt#poison()}:
 * that poisons the finished worker's channel and removes it from the Alt, so the next selection
 * waits only for the workers still computing. pi is about {@code 4 * inside / total}. Each worker
 * has its own seeded generator, so a run is reproducible.
 *
 * <p>Run: {@code mvn -q -pl csp-core test-compile exec:exec -Dexample=Pi
 * [-Dargs="WORKERS SAMPLES"]} (default 320 workers, as python-csp, of 100000 samples).
 */
public final class Pi {

    private Pi() {}

    /** Counts the random points in the quarter circle; writes the count to {@code out}. */
    static CSPProcess worker(long seed, int samples, Channel<Long> out) {
        return new CSPProcess(() -> {
            out.write(countInside(seed, samples));
        }, out);
    }

    static long countInside(long seed, int samples) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long inside = 0;
        for (int i = 0; i < samples; i++) {
            double x = rnd.nextDouble();
            double y = rnd.nextDouble();
            if (x * x + y * y <= 1.0) {
                inside++;
            }
        }
        return inside;
    }

    /** Runs the farm; returns the estimate. */
    static double estimate(int workers, int samples) throws InterruptedException {
        List<Channel<Long>> channels = new ArrayList<>(workers);
        List<CSPProcess> procs = new ArrayList<>(workers + 1);
        for (int i = 0; i < workers; i++) {
            Channel<Long> c = new Channel<>("worker-" + i);
            channels.add(c);
            procs.add(worker(i, samples, c));
        }
        long[] inside = {0};
        procs.add(new CSPProcess(() -> {
            Alt alt = new Alt(channels);
            for (int i = 0; i < workers; i++) {
                inside[0] += (Long) alt.select();
                alt.poison();
            }
        }));
        new Par(procs).run();
        return 4.0 * inside[0] / ((double) workers * samples);
    }

    public static void main(String[] args) throws InterruptedException {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 320;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        double pi = estimate(workers, samples);
        System.out.printf("pi ~ %.6f (error %.6f) from %d workers x %d samples%n", pi,
                Math.abs(pi - Math.PI), workers, samples);
    }
}
