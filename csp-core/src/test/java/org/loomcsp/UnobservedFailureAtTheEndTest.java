package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real programs in JVMs of their own (ADR 0091): a failure that main never takes is logged once
 * when main has ended, and the program still ends; one that main joins after it happened is never
 * logged. Both backends (through the CSP variable).
 */
class UnobservedFailureAtTheEndTest {

    @ParameterizedTest(name = "CSP={0}")
    @ValueSource(strings = {"VIRTUAL", "PLATFORM"})
    void failureMainNeverTakesIsLoggedOnceWhenMainHasEnded(String backend) throws Exception {
        String out = run(backend, "unjoined");
        assertThat(count(out, "Process lonely failed and nobody took the failure")).isEqualTo(1);
        assertThat(out).contains("main has ended").contains("the failure of lonely");
    }

    @ParameterizedTest(name = "CSP={0}")
    @ValueSource(strings = {"VIRTUAL", "PLATFORM"})
    void failureMainJoinsAfterItHappenedIsNeverLogged(String backend) throws Exception {
        String out = run(backend, "joined-later");
        assertThat(out).contains("handled: the failure of late").doesNotContain("failed and nobody")
                .doesNotContain("SEVERE");
    }

    private static String run(String backend, String mode) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = Path.of("target", "classes").toAbsolutePath() + File.pathSeparator
                + Path.of("target", "test-classes").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "--add-opens",
                "java.base/java.lang=ALL-UNNAMED", "-cp", cp,
                "org.loomcsp.failures.UnjoinedFailure", mode));
        pb.environment().put("CSP", backend);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] bytes = p.getInputStream().readAllBytes();   // until the JVM has exited
        assertThat(p.waitFor(50, TimeUnit.SECONDS)).as("the program ended").isTrue();
        String out = new String(bytes, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
