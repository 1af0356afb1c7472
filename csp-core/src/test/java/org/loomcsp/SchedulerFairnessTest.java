package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.loomcsp.internal.sched.VirtualThreads;
import org.loomcsp.testing.BackendTest;

/**
 * The scheduler is fair under load (issue 11): with as many busy rendezvous ping-pong pairs as
 * carriers, a newly started process runs and a 10 ms {@link Timer} fires; processes that compute
 * without ever parking do not stop the others. Run at the default parallelism by the default
 * surefire execution, and at parallelism 1 by the {@code scheduler-parallelism-1} execution.
 *
 * <p>"Runs" is asserted with a generous limit ({@link #GENEROUS}): the property is that it
 * happens at all; on the JDK's own scheduler it never does (issue 11). How soon is a benchmark
 * question, not a test's.
 */
class SchedulerFairnessTest {

    /** Far beyond any scheduling delay, far below "never". */
    static final long GENEROUS = 30;

    /** The number of carriers the virtual backend runs on (the OS's cores for platform). */
    static int carriers(Backend backend) {
        if (backend == Backend.VIRTUAL && VirtualThreads.pool() != null) {
            return VirtualThreads.pool().parallelism();
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** Starts n ping-pong pairs that hand a value back and forth until their channels are poisoned. */
    static List<Channel<Integer>> busyPairs(int n) {
        List<Channel<Integer>> chans = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Channel<Integer> ping = new Channel<>();
            Channel<Integer> pong = new Channel<>();
            chans.add(ping);
            chans.add(pong);
            new CSPProcess(() -> {
                while (true) {
                    ping.write(1);
                    pong.read();
                }
            }, ping, pong).start();
            new CSPProcess(() -> {
                while (true) {
                    pong.write(ping.read());
                }
            }, ping, pong).start();
        }
        return chans;
    }

    @BackendTest
    void aNewProcessRunsBehindAsManyBusyPairsAsCarriers(Backend backend) throws Exception {
        List<Channel<Integer>> pairs = busyPairs(carriers(backend));
        try {
            CountDownLatch ran = new CountDownLatch(1);
            new CSPProcess(ran::countDown).start();
            assertThat(ran.await(GENEROUS, TimeUnit.SECONDS)).as("the new process ran").isTrue();
        } finally {
            pairs.forEach(Channel::poison);
        }
    }

    @BackendTest
    void aTenMillisecondTimerFiresBehindAsManyBusyPairsAsCarriers(Backend backend) throws Exception {
        CountDownLatch sleeping = new CountDownLatch(1);
        CountDownLatch fired = new CountDownLatch(1);
        // started first, so the timer is set while the pairs are busy
        CSPProcess sleeper = new CSPProcess(() -> {
            sleeping.countDown();
            new Timer().sleep(Duration.ofMillis(10));
            fired.countDown();
        });
        sleeper.start();
        sleeping.await();
        List<Channel<Integer>> pairs = busyPairs(carriers(backend));
        try {
            assertThat(fired.await(GENEROUS, TimeUnit.SECONDS)).as("the timer fired").isTrue();
            sleeper.join();
        } finally {
            pairs.forEach(Channel::poison);
        }
    }

    @BackendTest
    void processesThatNeverParkDoNotStopTheOthers(Backend backend) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        int n = carriers(backend) + 1;
        CountDownLatch spinning = new CountDownLatch(n);
        List<CSPProcess> spinners = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            spinners.add(new CSPProcess(() -> {
                spinning.countDown();
                while (!stop.get()) {
                    Thread.onSpinWait();
                }
            }).start());
        }
        try {
            // every carrier is held (some spinners may still wait for one)
            CountDownLatch ran = new CountDownLatch(1);
            new CSPProcess(ran::countDown).start();
            assertThat(ran.await(GENEROUS, TimeUnit.SECONDS)).as("the new process ran").isTrue();
            assertThat(spinning.await(GENEROUS, TimeUnit.SECONDS)).as("every spinner ran").isTrue();
        } finally {
            stop.set(true);
            for (CSPProcess s : spinners) {
                s.join();
            }
        }
    }

    /** Spinners and busy pairs together: work queued behind a held carrier is not stranded. */
    @BackendTest
    void aNewProcessRunsBesideBusyPairsAndProcessesThatNeverPark(Backend backend) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        List<Channel<Integer>> pairs = busyPairs(carriers(backend));
        List<CSPProcess> spinners = new ArrayList<>();
        try {
            for (int i = 0; i < carriers(backend) + 2; i++) {
                spinners.add(new CSPProcess(() -> {
                    while (!stop.get()) {
                        Thread.onSpinWait();
                    }
                }).start());
            }
            CountDownLatch ran = new CountDownLatch(1);
            new CSPProcess(ran::countDown).start();
            assertThat(ran.await(GENEROUS, TimeUnit.SECONDS)).as("the new process ran").isTrue();
        } finally {
            stop.set(true);
            pairs.forEach(Channel::poison);
            for (CSPProcess s : spinners) {
                s.join();
            }
        }
    }

    /**
     * A process blocked in a system call (here: opening and reading a named pipe, which blocks
     * in the kernel until the test writes) holds its carrier without using CPU; the others still
     * run. At parallelism 1 (the second surefire execution) it holds the only carrier. Unix only
     * (needs {@code mkfifo}).
     */
    @BackendTest
    void aProcessBlockedInASystemCallDoesNotStopTheOthers(Backend backend, @TempDir Path dir)
            throws Exception {
        Path fifo = dir.resolve("fifo");
        Process mk;
        try {
            mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            Assumptions.abort("no mkfifo here: " + e);
            return;
        }
        Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo failed");
        CountDownLatch read = new CountDownLatch(1);
        new CSPProcess(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                in.read(); // blocks in the kernel until the test writes
            }
            read.countDown();
        }).start();
        try {
            CountDownLatch ran = new CountDownLatch(1);
            new CSPProcess(ran::countDown).start();
            assertThat(ran.await(GENEROUS, TimeUnit.SECONDS)).as("the new process ran").isTrue();
        } finally {
            try (OutputStream out = Files.newOutputStream(fifo)) { // opens once the reader has
                out.write(1);
            }
        }
        assertThat(read.await(GENEROUS, TimeUnit.SECONDS)).as("the reader ended").isTrue();
    }

    @BackendTest
    void aProcessStartedByABusyPairRuns(Backend backend) throws Exception {
        List<Channel<Integer>> pairs = busyPairs(carriers(backend) - 1);
        Channel<Integer> ping = new Channel<>();
        Channel<Integer> pong = new Channel<>();
        CountDownLatch ran = new CountDownLatch(1);
        AtomicBoolean started = new AtomicBoolean();
        new CSPProcess(() -> {
            while (true) {
                ping.write(1);
                pong.read();
                if (started.compareAndSet(false, true)) {
                    new CSPProcess(ran::countDown).start(); // from a process on a busy carrier
                }
            }
        }, ping, pong).start();
        new CSPProcess(() -> {
            while (true) {
                pong.write(ping.read());
            }
        }, ping, pong).start();
        try {
            assertThat(ran.await(GENEROUS, TimeUnit.SECONDS)).as("the child process ran").isTrue();
        } finally {
            ping.poison();
            pong.poison();
            pairs.forEach(Channel::poison);
        }
    }

    /**
     * Two processes readied one after the other by the same writer (the first waits in the
     * writer's run queue behind the second) and that compute without parking until both run: the
     * first is not left behind the second for ever (an idle carrier that watches takes it once it
     * is stuck, or the monitor compensates, at parallelism 1 too).
     */
    @BackendTest
    void aProcessQueuedBehindAComputingProcessRuns(Backend backend) throws Exception {
        Channel<Integer> toFirst = new Channel<>();
        Channel<Integer> toSecond = new Channel<>();
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger running =
                new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch both = new CountDownLatch(2);
        List<CSPProcess> workers = new ArrayList<>();
        for (Channel<Integer> in : List.of(toFirst, toSecond)) {
            workers.add(new CSPProcess(() -> {
                in.read();
                running.incrementAndGet();
                while (running.get() < 2 && !stop.get()) {
                    Thread.onSpinWait(); // computes; never parks
                }
                both.countDown();
            }, in).start());
        }
        CSPProcess writer = new CSPProcess(() -> {
            toFirst.write(1);
            toSecond.write(2);
        }, toFirst, toSecond).start();
        try {
            assertThat(both.await(GENEROUS, TimeUnit.SECONDS))
                    .as("both computing processes ran at once").isTrue();
        } finally {
            stop.set(true);
            writer.join();
            for (CSPProcess w : workers) {
                w.join();
            }
        }
    }
}
