package org.loomcsp.internal.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.loomcsp.Csp;
import org.loomcsp.Scheduler;

/**
 * Which scheduler runs virtual processes, in fresh JVMs: loomcsp's where java.lang is open, the
 * JDK's with exactly one warning naming the option where it is not, the JDK's silently when asked
 * for, and a clear failure for an unknown choice.
 */
class SchedulerChoiceTest {

    record Run(int exit, String out) {}

    static Run child(String... jvmArgs) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("-cp", cp, PrintScheduler.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void theTestJvmRunsLoomcspsScheduler() {
        assertThat(Csp.scheduler()).isEqualTo(Scheduler.LOOMCSP);
    }

    @Test
    void withJavaLangOpenLoomcspSchedulesWithoutAWarning() throws Exception {
        Run r = child("--add-opens", "java.base/java.lang=ALL-UNNAMED");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("scheduler=LOOMCSP" + System.lineSeparator());
    }

    @Test
    void withoutJavaLangOpenTheJdkSchedulesAfterOneWarningNamingTheOption() throws Exception {
        Run r = child();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("scheduler=JDK")
                .contains("--add-opens java.base/java.lang=ALL-UNNAMED");
        assertThat(r.out().split("WARNING", -1)).hasSize(2); // exactly one warning
    }

    @Test
    void askingForTheJdkSchedulerGivesItSilently() throws Exception {
        Run r = child("-Dcsp.scheduler=jdk");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("scheduler=JDK" + System.lineSeparator());
    }

    @Test
    void anUnknownSchedulerFailsWithTheAcceptedValues() throws Exception {
        Run r = child("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Dcsp.scheduler=fifo");
        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).contains("Unknown loomcsp scheduler 'fifo'").contains("loomcsp (the default), jdk");
    }

    @Test
    void aBadParallelismFailsSayingWhatToSet() throws Exception {
        Run r = child("--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Dcsp.scheduler.parallelism=0");
        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).contains("csp.scheduler.parallelism=0").contains("integer >= 1");
    }
}
