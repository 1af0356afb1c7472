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

/**
 * Runs a program's {@code main} in a child JVM (the same java binary, the test class path) and
 * captures what it printed and how it ended: for tests of what happens when {@code main} ends.
 */
final class ChildJvmRun {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    /** How a child JVM ended. */
    record Result(int status, String stdout, String stderr, long millis) {
        @Override
        public String toString() {
            return "exit " + status + " after " + millis + " ms\n--- stdout\n" + stdout
                    + "\n--- stderr (last 4000 chars)\n"
                    + stderr.substring(Math.max(0, stderr.length() - 4000));
        }
    }

    private ChildJvmRun() {}

    /**
     * Runs {@code main} with {@code jvmArgs} and {@code args}, its output kept in files under
     * {@code dir}; asserts that it ended within a minute (else it is killed).
     */
    static Result run(Path dir, Class<?> main, List<String> jvmArgs, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        String base = main.getSimpleName() + "-" + String.join("-", args) + "-" + jvmArgs.size();
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
        System.out.println(main.getSimpleName() + " " + String.join(" ", args) + " " + jvmArgs
                + ": exit " + r.status() + " after " + ms + " ms");
        assertThat(ended).as("ended within " + LIMIT + ": " + r).isTrue();
        return r;
    }
}
