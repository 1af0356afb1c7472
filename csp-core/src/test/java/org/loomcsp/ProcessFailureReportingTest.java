package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loomcsp.internal.exec.UnobservedFailures;
import org.loomcsp.testing.BackendTest;

/**
 * Who hears about a failure: a failure that reaches a joiner or a composite is not logged, one
 * nobody waits for is; terminate() during socket I/O is a termination, not a failure; misuse
 * gets messages that name the argument.
 */
class ProcessFailureReportingTest {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                records.add(r);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private final Logger jul = Logger.getLogger("org.loomcsp");

    @BeforeEach
    void listen() {
        jul.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        jul.removeHandler(handler);
        Csp.setFailureLogging(Csp.FailureLogging.UNOBSERVED);
    }

    private static CSPProcess failing(String message) {
        return new CSPProcess(() -> {
            throw new IllegalStateException(message);
        });
    }

    /** run() hands the failure to its caller: it is thrown, not logged. */
    @BackendTest
    void failureThatReachesAJoinerIsNotLogged(Backend backend) {
        assertThatThrownBy(() -> failing("boom").run()).isInstanceOf(ProcessFailedException.class)
                .hasRootCauseMessage("boom");
        assertThat(records).isEmpty();
    }

    /** A child's failure reaches its Par, which rethrows it to run()'s caller: no log at all. */
    @BackendTest
    void failureThatReachesAParIsNotLogged(Backend backend) {
        assertThatThrownBy(() -> new Par(failing("child"), new CSPProcess(() -> { })).run())
                .isInstanceOf(ProcessFailedException.class).hasRootCauseMessage("child");
        assertThat(records).isEmpty();
    }

    /**
     * start(), the failure, and only then join(): the joiner receives the failure, so nothing is
     * logged, not then and not later (a garbage collection or the end of the program).
     */
    @BackendTest
    void failureJoinedAfterItHappenedIsNotLogged(Backend backend) throws Exception {
        CSPProcess p = failing("late").name("joined-later").start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !p.isAlive());   // failed, untaken
        assertThatThrownBy(p::join).isInstanceOf(ProcessFailedException.class)
                .hasRootCauseMessage("late");
        System.gc();
        UnobservedFailures.reportAll("the test's stand-in for the end of the program");
        assertThat(about("joined-later")).isEmpty();
    }

    /**
     * A process started and never joined: its failure is logged once, naming the process, when
     * nobody can take it any more (here: its handle became unreachable); the end of the program
     * does not log it again. Platform backend only: on the virtual backend loomcsp's scheduler
     * keeps up to 256 finished tasks per carrier reachable until their run-queue slots are reused
     * (internal.sched.RunQueue), so when a process becomes unreachable there depends on other
     * work; its failure is still reported at the end (the tests below and
     * UnobservedFailureAtTheEndTest cover both backends).
     */
    @Test
    void failureNobodyEverTakesIsLoggedOnceWhenTheProcessIsUnreachable() {
        WeakReference<CSPProcess> ref = new WeakReference<>(
                failing("lost").name("orphan").backend(Backend.PLATFORM).start());
        awaitEndThenCollect(ref, "orphan");
        assertThat(about("orphan")).hasSize(1);
        assertThat(about("orphan").get(0).getMessage()).contains("nobody took")
                .contains("unreachable");
        assertThat(about("orphan").get(0).getThrown()).hasMessage("lost");
        UnobservedFailures.reportAll("the test's stand-in for the end of the program");
        assertThat(about("orphan")).hasSize(1);
    }

    /** An unobserved failure is held, not lost: reported at the end of the program, once. */
    @BackendTest
    void failureStillUntakenAtTheEndIsLoggedOnce(Backend backend) {
        CSPProcess p = failing("held").name("held").start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !p.isAlive());
        assertThat(about("held")).isEmpty();
        UnobservedFailures.reportAll("the test's stand-in for the end of the program");
        UnobservedFailures.reportAll("again");
        assertThat(about("held")).hasSize(1);
        assertThat(p.failure()).hasMessage("held");   // still there for whoever asks
        assertThat(about("held")).hasSize(1);
    }

    /** An unobserved Par logs its own failure once; its child, observed by the Par, does not. */
    @BackendTest
    void unobservedParLogsOnlyItsOwnFailure(Backend backend) {
        Par par = new Par(failing("inner").name("child"), new CSPProcess(() -> { }));
        par.name("outer").start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !par.isAlive());
        UnobservedFailures.reportAll("the test's stand-in for the end of the program");
        assertThat(about("outer")).hasSize(1);
        assertThat(about("child")).isEmpty();
    }

    /** Waits until the process has ended, then collects garbage until its failure is logged. */
    private void awaitEndThenCollect(WeakReference<CSPProcess> ref, String name) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            CSPProcess p = ref.get();
            return p == null || !p.isAlive();
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            System.gc();
            assertThat(about(name)).isNotEmpty();
        });
    }

    /** The records that name process {@code name} (other tests' failures may be reported now). */
    private List<LogRecord> about(String name) {
        return records.stream().filter(r -> r.getMessage().contains("Process " + name + " "))
                .toList();
    }

    /** The switch: ALL logs observed failures too, NONE logs nothing. */
    @BackendTest
    void failureLoggingSwitch(Backend backend) throws Exception {
        Csp.setFailureLogging(Csp.FailureLogging.ALL);
        assertThatThrownBy(() -> failing("seen").run()).isInstanceOf(ProcessFailedException.class);
        assertThat(records).hasSize(1);
        Csp.setFailureLogging(Csp.FailureLogging.NONE);
        CSPProcess p = failing("unseen").start();
        p.thread().join();
        assertThat(records).hasSize(1);
    }

    /** terminate() of a process blocked reading an interruptible socket channel: terminated. */
    @BackendTest
    void terminateDuringSocketChannelReadCountsAsTerminated(Backend backend) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                SocketChannel client = SocketChannel.open(new InetSocketAddress(
                        InetAddress.getLoopbackAddress(), server.getLocalPort()));
                Socket accepted = server.accept()) {
            CountDownLatch reading = new CountDownLatch(1);
            CSPProcess p = new CSPProcess(() -> {
                reading.countDown();
                client.read(ByteBuffer.allocate(16));   // nothing is ever written
                throw new AssertionError("read returned");
            }).start();
            reading.await();
            p.terminate();
            p.join();
            assertThat(p.wasTerminated()).isTrue();
            assertThat(p.failure()).isNull();
            assertThat(records).isEmpty();
        }
    }

    /** On a virtual thread a java.net.Socket read is interruptible too: terminated, not failed. */
    @Test
    void terminateDuringSocketReadOnAVirtualThreadCountsAsTerminated() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            CountDownLatch reading = new CountDownLatch(1);
            CSPProcess p = new CSPProcess(() -> {
                reading.countDown();
                if (client.getInputStream().read() >= 0) {
                    throw new AssertionError("read returned");
                }
                throw new IOException("end of stream");
            }).backend(Backend.VIRTUAL).start();
            reading.await();
            p.terminate();
            p.join();
            assertThat(p.wasTerminated()).isTrue();
            assertThat(records).isEmpty();
        }
    }

    /** Misuse: a null among the processes of a composition names the argument. */
    @Test
    void nullProcessesAreRejectedNamingTheArgument() {
        CSPProcess p = new CSPProcess(() -> { });
        assertThatThrownBy(() -> p.par(new CSPProcess(() -> { }), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("argument 2 of 2");
        assertThatThrownBy(() -> new Par(p, null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("Par: process argument 2 of 2 is null");
        assertThatThrownBy(() -> Csp.seq(null, p)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("Seq: process argument 1 of 2 is null");
        assertThatThrownBy(() -> Csp.process(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("body");
        assertThatThrownBy(() -> p.then(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("next");
        assertThatThrownBy(() -> new Alt(new Skip(), null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("guard argument 2 of 2 is null");
        assertThatThrownBy(() -> p.uses(new Channel<Integer>(), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("argument 2 of 2");
    }
}
