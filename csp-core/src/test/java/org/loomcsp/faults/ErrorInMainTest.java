package org.loomcsp.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Csp;

/**
 * An Error in main ends the program while its processes keep running; a normal return of main
 * does not end them (issue 13, item 3; docs/adr/0071). Each case runs a small program in a child
 * JVM, on both backends, and checks its exit status and output.
 */
class ErrorInMainTest {

    /** Generous: the program must end, and the test prints how long it took. */
    private static final Duration LIMIT = Duration.ofSeconds(60);

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
            assertThat(r.status).as(r.toString()).isEqualTo(1);
            assertThat(r.stderr).as(r.toString())
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
        assertThat(r.status).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout).as(r.toString()).contains("application handler saw boom from main");
    }

    /**
     * With -Dcsp.errorInMain=off, Java's rule: a witness process sees main die and the others
     * still running, and ends the program itself with status 7.
     */
    @Test
    void offKeepsTheProcessesRunning() throws Exception {
        Result r = run(ErrorInMainWithWitness.class, List.of("-Dcsp.errorInMain=off"),
                Backend.VIRTUAL.name());
        assertThat(r.status).as(r.toString()).isEqualTo(7);
        assertThat(r.stdout).as(r.toString()).contains("processes still run after main died");
        assertThat(r.stderr).contains("boom from main").doesNotContain("loomcsp: main ended");
    }

    /** A normal return of main does not end running processes: they finish, status 0. */
    @Test
    void normalReturnOfMainLetsProcessesFinish() throws Exception {
        for (Backend b : Backend.values()) {
            Result r = run(NormalReturnWhileRunning.class, List.of(), b.name());
            assertThat(r.status).as(r.toString()).isZero();
            assertThat(r.stdout).as(r.toString()).contains("main returns")
                    .contains("sum " + (99_999L * 100_000 / 2));
            assertThat(r.stderr).as(r.toString()).doesNotContain("loomcsp:");
        }
    }

    private record Result(int status, String stdout, String stderr, long millis) {
        @Override
        public String toString() {
            return "exit " + status + " after " + millis + " ms\n--- stdout\n" + stdout
                    + "\n--- stderr (last 4000 chars)\n"
                    + stderr.substring(Math.max(0, stderr.length() - 4000));
        }
    }

    private Result run(Class<?> main, List<String> jvmArgs, String arg) throws Exception {
        return run(main, jvmArgs, arg, null);
    }

    /** Runs main in a child JVM with the arguments (arg2 may be null). */
    private Result run(Class<?> main, List<String> jvmArgs, String arg, String arg2)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.add(arg);
        if (arg2 != null) {
            cmd.add(arg2);
        }
        String base = main.getSimpleName() + "-" + arg + "-" + jvmArgs.size() + "-" + arg2;
        File out = dir.resolve(base + ".out").toFile();
        File err = dir.resolve(base + ".err").toFile();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(out).redirectError(err).start();
        boolean ended = p.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (!ended) {
            p.destroyForcibly().waitFor();
        }
        Result r = new Result(ended ? p.exitValue() : -1,
                Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8), ms);
        System.out.println(main.getSimpleName() + " " + arg + " " + jvmArgs + ": exit "
                + r.status + " after " + ms + " ms");
        assertThat(ended).as("ended within " + LIMIT + ": " + r).isTrue();
        return r;
    }
}
