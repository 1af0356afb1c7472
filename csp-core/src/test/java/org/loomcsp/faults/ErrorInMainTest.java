package org.loomcsp.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Csp;
import org.loomcsp.faults.ChildJvmRun.Result;

/**
 * An Error in main ends the program while its processes keep running; a normal return of main
 * does not end them (issue 13, item 3; docs/adr/0071). Each case runs a small program in a child
 * JVM, on both backends, and checks its exit status and output.
 */
class ErrorInMainTest {

    /** Generous: the program must end, and the test prints how long it took. */

    @TempDir
    Path dir;

    /** Two processes that play ping-pong for ever (running, never all asleep). */
    static void startPingPongForEver() {
        Channel<Integer> ping = new Channel<>("ping");
        Channel<Integer> pong = new Channel<>("pong");
        new CSPProcess("pinger", () -> {
            for (int i = 0; ; i++) {
                ping.write(i);
                pong.read();
            }
        }, ping, pong).start();
        new CSPProcess("ponger", () -> {
            while (true) {
                pong.write(ping.read());
            }
        }, ping, pong).start();
    }

    /** main starts running processes, then dies of an Error (args: backend, [withHandler]). */
    public static final class ErrorInMainWhileRunning {
        public static void main(String[] args) {
            Csp.setBackend(Backend.valueOf(args[0]));
            if (args.length > 1) {
                Thread.setDefaultUncaughtExceptionHandler((t, e) ->
                        System.out.println("application handler saw " + e.getMessage()));
            }
            startPingPongForEver();
            throw new AssertionError("boom from main");
        }
    }

    /** As ErrorInMainWhileRunning, plus a process that reports when main has died and exits 7. */
    public static final class ErrorInMainWithWitness {
        public static void main(String[] args) {
            Csp.setBackend(Backend.valueOf(args[0]));
            Thread mainThread = Thread.currentThread();
            startPingPongForEver();
            new CSPProcess("witness", () -> {
                mainThread.join();
                System.out.println("processes still run after main died");
                System.exit(7);
            }).start();
            throw new AssertionError("boom from main");
        }
    }

    /** main returns normally while its processes run; they finish their work and print it. */
    public static final class NormalReturnWhileRunning {
        public static void main(String[] args) {
            Csp.setBackend(Backend.valueOf(args[0]));
            Channel<Integer> c = new Channel<>("c");
            new CSPProcess("producer", () -> {
                for (int i = 0; i < 100_000; i++) {
                    c.write(i);
                }
            }, c).start();
            new CSPProcess("consumer", () -> {
                long sum = 0;
                for (int i = 0; i < 100_000; i++) {
                    sum += c.read();
                }
                System.out.println("sum " + sum);
            }, c).start();
            System.out.println("main returns");
        }
    }

    /** The JVM exits with status 1 and the Error's stack trace on stderr. */
    @Test
    void errorInMainEndsTheProgramWhileProcessesRun() throws Exception {
        for (Backend b : Backend.values()) {
            Result r = run(ErrorInMainWhileRunning.class, List.of(), b.name());
            assertThat(r.status()).as(r.toString()).isEqualTo(1);
            assertThat(r.stderr()).as(r.toString())
                    .contains("Exception in thread \"main\" java.lang.AssertionError: boom from main")
                    .contains("at " + ErrorInMainWhileRunning.class.getName() + ".main(")
                    .contains("loomcsp: main ended with java.lang.AssertionError");
        }
    }

    /** The application's default uncaught-exception handler still sees main's Error first. */
    @Test
    void theApplicationsHandlerStillSeesTheError() throws Exception {
        Result r = run(ErrorInMainWhileRunning.class, List.of(), Backend.VIRTUAL.name(),
                "withHandler");
        assertThat(r.status()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).as(r.toString()).contains("application handler saw boom from main");
    }

    /**
     * With -Dcsp.errorInMain=off, Java's rule: a witness process sees main die and the others
     * still running, and ends the program itself with status 7.
     */
    @Test
    void offKeepsTheProcessesRunning() throws Exception {
        Result r = run(ErrorInMainWithWitness.class, List.of("-Dcsp.errorInMain=off"),
                Backend.VIRTUAL.name());
        assertThat(r.status()).as(r.toString()).isEqualTo(7);
        assertThat(r.stdout()).as(r.toString()).contains("processes still run after main died");
        assertThat(r.stderr()).contains("boom from main").doesNotContain("loomcsp: main ended");
    }

    /** A normal return of main does not end running processes: they finish, status 0. */
    @Test
    void normalReturnOfMainLetsProcessesFinish() throws Exception {
        for (Backend b : Backend.values()) {
            Result r = run(NormalReturnWhileRunning.class, List.of(), b.name());
            assertThat(r.status()).as(r.toString()).isZero();
            assertThat(r.stdout()).as(r.toString()).contains("main returns")
                    .contains("sum " + (99_999L * 100_000 / 2));
            assertThat(r.stderr()).as(r.toString()).doesNotContain("loomcsp:");
        }
    }

    private Result run(Class<?> main, List<String> jvmArgs, String arg) throws Exception {
        return ChildJvmRun.run(dir, main, jvmArgs, arg);
    }

    /** Runs main in a child JVM with the arguments (arg2 may be null). */
    private Result run(Class<?> main, List<String> jvmArgs, String arg, String arg2)
            throws Exception {
        return arg2 == null ? ChildJvmRun.run(dir, main, jvmArgs, arg)
                : ChildJvmRun.run(dir, main, jvmArgs, arg, arg2);
    }
}
