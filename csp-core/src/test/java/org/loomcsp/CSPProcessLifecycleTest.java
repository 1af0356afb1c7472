package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.loomcsp.testing.BackendTest;

class CSPProcessLifecycleTest {

    static void foo(AtomicInteger sink, int n) {
        sink.set(n);
    }

    /** start() returns at once and runs the body concurrently; join() waits for its end. */
    @BackendTest
    void startIsNonBlockingAndJoinWaits(Backend backend) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CSPProcess p = new CSPProcess(release::await);
        p.start();
        assertThat(p.isAlive()).isTrue();
        assertThat(p.join(Duration.ofMillis(10))).isFalse();
        release.countDown();
        p.join();
        assertThat(p.isAlive()).isFalse();
    }

    /** A process runs on the backend it was started on. */
    @BackendTest
    void processRunsOnTheChosenBackend(Backend backend) throws Exception {
        AtomicReference<Boolean> virtual = new AtomicReference<>();
        new CSPProcess(() -> virtual.set(Thread.currentThread().isVirtual())).run();
        assertThat(virtual.get()).isEqualTo(backend == Backend.VIRTUAL);
    }

    /** A second start() throws IllegalStateException saying so. */
    @BackendTest
    void secondStartThrows(Backend backend) throws Exception {
        CSPProcess p = new CSPProcess(() -> { });
        p.run();
        assertThatThrownBy(p::start).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already started");
    }

    /** join() before start() is a usage error with a clear message. */
    @BackendTest
    void joinBeforeStartThrows(Backend backend) {
        assertThatThrownBy(() -> new CSPProcess(() -> { }).join())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("start()");
    }

    /** python-csp's CSPProcess(foo, 100): arguments passed at construction reach the body. */
    @BackendTest
    void argumentsArePassedToTheBody(Backend backend) throws Exception {
        AtomicInteger sink = new AtomicInteger();
        new CSPProcess(CSPProcessLifecycleTest::foo, sink, 100).run();
        assertThat(sink).hasValue(100);
    }

    /** Csp.process makes a new, unstarted process on every call (the @process decorator). */
    @BackendTest
    void processFactoryMakesAFreshProcessEachCall(Backend backend) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        java.util.function.Supplier<CSPProcess> hello = () -> Csp.process(runs::incrementAndGet);
        CSPProcess a = hello.get();
        CSPProcess b = hello.get();
        assertThat(a).isNotSameAs(b);
        assertThat(a.isStarted()).isFalse();
        a.run();
        b.run();
        assertThat(runs).hasValue(2);
    }

    /** An exception in a body is not lost: join() rethrows it as ProcessFailedException. */
    @BackendTest
    void failureIsRethrownByJoin(Backend backend) throws Exception {
        CSPProcess p = new CSPProcess("boom", () -> {
            throw new IllegalArgumentException("bad");
        });
        p.start();
        assertThatThrownBy(p::join).isInstanceOf(ProcessFailedException.class)
                .hasMessageContaining("boom").hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(p.failure()).isInstanceOf(IllegalArgumentException.class);
    }

    /** A failing process poisons its channels, so its partners do not wait for ever. */
    @BackendTest
    void failingProcessPoisonsItsChannels(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        CSPProcess failing = new CSPProcess(() -> {
            throw new IllegalStateException("oops");
        }, c);
        CSPProcess partner = new CSPProcess(() -> c.read(), c);
        assertThatThrownBy(() -> new Par(failing, partner).run())
                .isInstanceOf(ProcessFailedException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(c.isPoisoned()).isTrue();
    }

    /** terminate() stops a process blocked on a channel; it ends quietly. */
    @BackendTest
    void terminateStopsABlockedProcess(Backend backend) throws Exception {
        Channel<Integer> never = new Channel<>();
        CSPProcess p = new CSPProcess(() -> never.read()).start();
        org.awaitility.Awaitility.await().until(() -> never.core.waiterCounts()[0] == 1);
        p.terminate();
        p.join();
        assertThat(p.wasTerminated()).isTrue();
        assertThat(never.isPoisoned()).isFalse();
    }

    /** Names and ids: a default name, a custom one, and unique pids. */
    @BackendTest
    void namesAndPids(Backend backend) {
        CSPProcess a = new CSPProcess(() -> { });
        CSPProcess b = new CSPProcess("worker", () -> { });
        assertThat(a.getName()).isEqualTo("CSPProcess-" + a.getPid());
        assertThat(b.getName()).isEqualTo("worker");
        assertThat(a.getPid()).isNotEqualTo(b.getPid());
        assertThat(a.toString()).contains("new");
    }

    /** An unknown backend name fails with a message listing the accepted values. */
    @BackendTest
    void unknownBackendNameIsRejectedWithTheAcceptedValues(Backend backend) {
        assertThatThrownBy(() -> Backend.parse("GREEN")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VIRTUAL").hasMessageContaining("PLATFORM")
                .hasMessageContaining("THREADS");
        assertThat(Backend.parse("threads")).isEqualTo(Backend.PLATFORM);
        assertThat(Backend.parse("processes")).isEqualTo(Backend.PLATFORM);
        assertThat(Backend.parse("Virtual")).isEqualTo(Backend.VIRTUAL);
    }
}
