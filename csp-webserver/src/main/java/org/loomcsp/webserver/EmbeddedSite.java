package org.loomcsp.webserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The small site about loomcsp that ships inside the jar and is served when no {@code --root}
 * is given. Its files are listed in {@code site.lst} next to them; they are copied to a fresh
 * temporary directory (removed when the JVM exits) so they are served like any other root.
 */
final class EmbeddedSite {
    private static final String BASE = "/org/loomcsp/webserver/site/";

    private EmbeddedSite() {}

    /** Copies the site to a new temporary directory and returns it. */
    static Path extract() throws IOException {
        Path dir = Files.createTempDirectory("loomcsp-site-");
        String list;
        try (InputStream in = EmbeddedSite.class.getResourceAsStream(BASE + "site.lst")) {
            if (in == null) {
                throw new IOException("embedded site is missing from the jar");
            }
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String line : list.split("\n")) {
            String name = line.trim();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Path target = dir.resolve(name).normalize();
            if (!target.startsWith(dir)) {
                throw new IOException("bad embedded name " + name);
            }
            Files.createDirectories(target.getParent());
            try (InputStream in = EmbeddedSite.class.getResourceAsStream(BASE + name)) {
                if (in == null) {
                    throw new IOException("embedded file missing: " + name);
                }
                Files.copy(in, target);
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "delete-embedded-site"));
        return dir;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort at exit
        }
    }
}
