package org.loomcsp.examples;

import static org.loomcsp.Csp.process;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.loomcsp.CSPProcess;
import org.loomcsp.Par;

/**
 * Tutorial part 2's larger example: count the words of every regular file in a directory, one
 * process per file, all in a {@link Par}. python-csp's {@code filecount.py} counted
 * <em>lines</em> (it applied {@code len} to the list of per-line splits); this counts words
 * (runs of non-white-space characters).
 *
 * <p>Run: {@code mvn -q -pl csp-core test-compile exec:exec -Dexample=FileCount
 * [-Dargs="DIRECTORY"]} (default: the current directory, which is csp-core/ under exec:exec; only
 * the regular files directly in it are counted). Prints {@code NAME: N words} per file,
 * in the order the processes finish.
 */
public final class FileCount {

    private FileCount() {}

    /** Counts the words of {@code file} and prints the count. */
    static CSPProcess wordCount(Path file, PrintStream out) {
        return process(() -> {
            // Decoding replaces malformed bytes, so a binary file does not stop the count.
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            long words = Stream.of(text.split("\\s+")).filter(w -> !w.isEmpty()).count();
            out.println(file.getFileName() + ": " + words + " words");
        });
    }

    /** A Par of one {@link #wordCount} process per regular file in {@code dir}. */
    static Par directoryCount(Path dir, PrintStream out) throws IOException {
        List<CSPProcess> counts;
        try (Stream<Path> files = Files.list(dir)) {
            counts = files.filter(Files::isRegularFile).sorted()
                    .map(f -> wordCount(f, out)).toList();
        }
        return new Par(counts);
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Par counts = directoryCount(dir, System.out);
        if (counts.size() == 0) {
            // Relative paths are from csp-core/ under exec:exec; "src" holds only directories.
            System.err.println("FileCount: no regular files directly in " + dir.toAbsolutePath()
                    + " (only the files of the directory itself are counted, not those of its"
                    + " sub-directories); try -Dargs=src/test/java/org/loomcsp/examples");
        }
        counts.run();
    }
}
