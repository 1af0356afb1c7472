package org.loomcsp.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders DOT text to SVG, PNG or any other Graphviz output format with the {@code dot}
 * program, if it is installed (on the {@code PATH}, or named by {@code -Dcsp.dot}).
 */
public final class Graphviz {

    private Graphviz() {}

    /** The {@code dot} command: {@code -Dcsp.dot} or {@code dot}. */
    public static String command() {
        return System.getProperty("csp.dot", "dot");
    }

    /** Whether {@code dot -V} runs successfully. */
    public static boolean isAvailable() {
        try {
            Process p = new ProcessBuilder(command(), "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Renders {@code dot} into {@code out} in {@code format} ({@code svg}, {@code png}, ...).
     *
     * @throws IllegalStateException if Graphviz is not installed (the message says how to get it)
     * @throws IOException if {@code dot} fails; the message holds its error output
     * @throws InterruptedException if interrupted while waiting for {@code dot}
     */
    public static Path render(String dot, String format, Path out)
            throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(List.of(command(), "-T" + format, "-o", out.toString()))
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("Graphviz's '" + command() + "' program was not found."
                    + " Install Graphviz (e.g. 'apt-get install graphviz', 'brew install"
                    + " graphviz') or point -Dcsp.dot at it; the DOT text itself needs no"
                    + " Graphviz.", e);
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write(dot.getBytes(StandardCharsets.UTF_8));
        }
        String messages = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("dot -T" + format + " failed (exit " + p.exitValue() + "): "
                    + messages.strip());
        }
        return out;
    }
}
