package org.loomcsp.webserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's {@code Main} in a child JVM started through {@code bash -c} (so that a test can
 * give it a shell prelude such as {@code ulimit -n 128} or an environment such as
 * {@code LC_ALL=C}), on this JVM's own java and class path. Collects its output lines.
 */
final class ChildServer implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("Serving on http://[^:]+:(\\d+)/");

    final Process process;
    final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private ChildServer(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.ISO_8859_1))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    Matcher m = SERVING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the child ended
            }
            port.completeExceptionally(new IllegalStateException("child ended before serving: " + output));
        });
    }

    /**
     * @param prelude shell commands run before {@code exec java} (may use "$@"-free plain text)
     * @param env     extra environment for the child
     * @param args    server options
     */
    static ChildServer start(String prelude, Map<String, String> env, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", prelude + "\nexec \"$@\"", "child", java,
                "-Xmx128m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--port", "0"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        return new ChildServer(pb.start());
    }

    int port() throws Exception {
        return port.get(60, TimeUnit.SECONDS);
    }

    /** CPU time the child has used so far. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElseThrow();
    }

    long linesContaining(String s) {
        return output.stream().filter(l -> l.contains(s)).count();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
