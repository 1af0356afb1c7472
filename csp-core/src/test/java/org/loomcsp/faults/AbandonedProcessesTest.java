package org.loomcsp.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Csp;
import org.loomcsp.faults.ChildJvmRun.Result;

/**
 * Processes that nobody can ever join or wake do not keep the JVM alive once main has ended
 * (issue 13, item 3; docs/adr/0070). Each case runs a small program in a child JVM (the same java
 * executable and class path as this test JVM) and checks its exit status and standard error.
 */
class AbandonedProcessesTest {

    /** Generous: the program must end, and the test prints how long it took. */

    @TempDir
    Path dir;

    /** Two processes, each waiting to read what the other would write next; main returns. */
    public static final class DeadlockAfterMain {
        public static void main(String[] args) {
            Csp.setBackend(Backend.valueOf(args[0]));
            Channel<Integer> ab = new Channel<>("a-to-b");
            Channel<Integer> ba = new Channel<>("b-to-a");
            new CSPProcess("proc-a", () -> ab.write(ba.read()), ab, ba).start();
            new CSPProcess("proc-b", () -> ba.write(ab.read()), ab, ba).start();
            System.out.println("main returns");
        }
    }

    /** main keeps starting blocked processes until the heap is exhausted and dies of it. */
    public static final class OutOfMemoryInMain {
        public static void main(String[] args) {
            Csp.setBackend(Backend.valueOf(args[0]));
            List<Object> keep = new ArrayList<>();
            while (true) {
                Channel<Integer> c = new Channel<>();
                keep.add(new CSPProcess(() -> c.read(), c).start());
                keep.add(new long[64]);
            }
        }
    }

    /** A program whose processes run to their end after main returned exits normally. */
    public static final class ProcessesOutliveMain {
        public static void main(String[] args) {
            Csp.setBackend(Backend.valueOf(args[0]));
            Channel<Integer> c = new Channel<>("c");
            new CSPProcess("late-writer", () -> {
                new org.loomcsp.Timer().sleep(Duration.ofMillis(500));
                c.write(1);
            }, c).start();
            new CSPProcess("reader", () -> System.out.println("read " + c.read()), c).start();
        }
    }

    /** The deadlock is reported Go-style on stderr and the program exits with status 2. */
    @Test
    void mainReturningWhileItsProcessesAreDeadlockedExitsWithAReport() throws Exception {
        for (Backend b : Backend.values()) {
            Result r = run(DeadlockAfterMain.class, List.of(), b.name());
            assertThat(r.status()).as(r.toString()).isEqualTo(2);
            assertThat(r.stderr()).as(r.toString()).contains("all processes are asleep - deadlock!")
                    .contains("proc-a").contains("proc-b").contains("Cycle: ");
            assertThat(r.stdout()).contains("main returns");
        }
    }

    /** With -Dcsp.deadlockAtExit=terminate the report is printed and the JVM exits with 0. */
    @Test
    void terminateModeReportsAndExitsNormally() throws Exception {
        Result r = run(DeadlockAfterMain.class, List.of("-Dcsp.deadlockAtExit=terminate"),
                Backend.VIRTUAL.name());
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.stderr()).as(r.toString()).contains("all processes are asleep - deadlock!");
    }

    /** Processes that are merely waiting for a timer after main returned are not reported. */
    @Test
    void processesThatCanStillMoveAreNotReported() throws Exception {
        Result r = run(ProcessesOutliveMain.class, List.of(), Backend.VIRTUAL.name());
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("read 1");
        assertThat(r.stderr()).doesNotContain("deadlock");
    }

    /** main dying of OutOfMemoryError with its processes blocked ends the program, non-zero. */
    @Test
    void outOfMemoryInMainEndsTheProgram() throws Exception {
        Result r = run(OutOfMemoryInMain.class, List.of("-Xmx48m"), Backend.VIRTUAL.name());
        assertThat(r.status()).as(r.toString()).isNotZero();
        assertThat(r.stderr()).as(r.toString()).contains("OutOfMemoryError");
    }

    private Result run(Class<?> main, List<String> jvmArgs, String arg) throws Exception {
        return ChildJvmRun.run(dir, main, jvmArgs, arg);
    }
}
