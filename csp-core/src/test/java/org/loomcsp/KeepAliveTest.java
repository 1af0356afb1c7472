package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeepAliveTest {

    /**
     * The JVM does not exit while a started process runs: the seed's hello().start() as the last
     * line of main prints its line, although virtual threads are daemon threads. Runs the real
     * program in a fresh JVM, on both backends (selected through the CSP variable).
     */
    @ParameterizedTest(name = "CSP={0}")
    @ValueSource(strings = {"VIRTUAL", "THREADS"})
    void helloStartAsTheLastLineOfMainPrintsItsLine(String backend) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath();
        // java.lang opened as loomcsp's scheduler needs (else it warns, see SchedulerChoiceTest)
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "--add-opens",
                "java.base/java.lang=ALL-UNNAMED", "-cp", cp, "org.loomcsp.examples.Hello"));
        pb.environment().put("CSP", backend);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).isEqualTo("hello from loomcsp" + System.lineSeparator());
        assertThat(p.exitValue()).isZero();
    }

    /** An unknown CSP value fails at start with a message listing the accepted values. */
    @org.junit.jupiter.api.Test
    void unknownBackendFailsAtStartWithTheAcceptedValues() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", cp,
                "org.loomcsp.examples.Hello"));
        pb.environment().put("CSP", "GREEN");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).isNotZero();
        assertThat(out).contains("Unknown loomcsp backend 'GREEN'").contains("VIRTUAL, PLATFORM")
                .contains("PROCESSES");
    }

    /**
     * CSP=PROCESSES, as the seed tells python-csp users to export, runs a program of many
     * processes on the platform backend, with exactly one note on standard error saying so.
     */
    @org.junit.jupiter.api.Test
    void processesIsPythonCspsNameForThePlatformBackendWithOneNote() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", cp,
                "org.loomcsp.examples.Shop"));
        pb.environment().put("CSP", "PROCESSES");
        Path err = Files.createTempFile("csp-processes", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> errLines = Files.readAllLines(err);
        Files.delete(err);
        assertThat(p.exitValue()).as("stdout: %s%nstderr: %s", out, errLines).isZero();
        assertThat(out).isNotBlank();
        assertThat(errLines).hasSize(1);
        assertThat(errLines.get(0)).contains("CSP=PROCESSES").contains("platform thread");
    }

    /** Two top-level Par.start() calls and a run(): the note that start() does not wait, once. */
    public static final class ParStartTwice {
        public static void main(String[] args) throws Exception {
            Par a = new Par(new CSPProcess(() -> { }));
            a.start();
            a.join();
            Par b = new Par(new CSPProcess(() -> { }));
            b.start();
            b.join();
            new Par(new CSPProcess(() -> { })).run();
            System.out.println("done");
        }
    }

    /**
     * A python-csp user's Par(...).start() does not wait, and says so: one INFO note for the first
     * top-level Par.start(), none for run(); -Dcsp.parStartNote=false hides it.
     */
    @ParameterizedTest(name = "parStartNote={0}")
    @ValueSource(strings = {"true", "false"})
    void firstTopLevelParStartLogsOneNote(String note) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Dcsp.parStartNote=" + note, "-cp",
                cp, ParStartTwice.class.getName()));
        Path err = Files.createTempFile("par-start", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String errText = Files.readString(err);
        Files.delete(err);
        assertThat(p.exitValue()).as(errText).isZero();
        assertThat(out).isEqualTo("done" + System.lineSeparator());
        int notes = errText.split("Par.start\\(\\) returns at once", -1).length - 1;
        assertThat(notes).as(errText).isEqualTo(note.equals("true") ? 1 : 0);
    }
}
