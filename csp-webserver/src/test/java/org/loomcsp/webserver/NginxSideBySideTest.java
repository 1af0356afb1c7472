package org.loomcsp.webserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-only rows of the conformance corpus sent to nginx and to us on the same root, side by
 * side: prints how many statuses agree and lists the rows that differ (with both statuses), as a
 * differential oracle. Runs only where nginx is installed ({@code apt-get install nginx});
 * skipped otherwise. It asserts what must hold whatever nginx does: we answer every row and keep
 * serving; the differences are for people to read (several are deliberate: 400 for an encoded
 * dot-dot where nginx normalises, 405 vs 501 for methods, our status page).
 */
class NginxSideBySideTest {
    @TempDir
    Path tmp;

    private static Optional<Path> nginx() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "nginx");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The status of the first response (only its status line is read: bodies may be chunked). */
    private static int status(int port, String request) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(ConformanceTest.substitute(request, port)
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            java.io.InputStream in = s.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                line.append((char) c);
            }
            String l = line.toString();
            return l.matches("HTTP/1\\.[01] \\d{3}.*\r?") ? Integer.parseInt(l.substring(9, 12)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1; // closed without a (well-formed) response
        }
    }

    @Test
    void theReadOnlyConformanceCorpusAgainstNginxReportsAgreeAndDiffer() throws Exception {
        Optional<Path> bin = nginx();
        Assumptions.assumeTrue(bin.isPresent(), "nginx is not installed (apt-get install nginx)");
        Path root = TestServers.fixture(tmp);
        Path prefix = Files.createDirectories(tmp.resolve("nginx"));
        int nginxPort = freePort();
        Files.writeString(prefix.resolve("nginx.conf"), """
                master_process off;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log crit;
                events { worker_connections 256; }
                http {
                  access_log off;
                  include /etc/nginx/mime.types;
                  client_body_temp_path %1$s/body;
                  server { listen 127.0.0.1:%2$d; root %3$s; autoindex on; }
                }
                """.formatted(prefix, nginxPort, root));
        Process nginx = new ProcessBuilder(bin.get().toString(), "-c", prefix.resolve("nginx.conf").toString(),
                "-p", prefix.toString()).redirectErrorStream(true).redirectOutput(prefix.resolve("out.log").toFile())
                .start();
        try (WebServer ours = TestServers.start(root, b -> b.maxRequestLine(1024).maxHeaderBytes(4096)
                .maxHeaderCount(20))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                new Socket(InetAddress.getLoopbackAddress(), nginxPort).close();
                return true;
            });
            int agree = 0;
            List<String> differ = new ArrayList<>();
            List<ConformanceTest.Case> cases = ConformanceTest.cases().filter(c -> !c.rw()).toList();
            for (ConformanceTest.Case c : cases) {
                int a = status(ours.port(), c.request());
                int b = status(nginxPort, c.request());
                assertThat(a).as("we answer %s", c.id()).isPositive();
                if (a == b) {
                    agree++;
                } else {
                    differ.add(String.format("  %-48s loomcsp %3d  nginx %s", c.id(), a, b < 0 ? "(closed)" : b));
                }
            }
            System.out.printf("nginx side by side, %d read-only rows: %d agree, %d differ%n%s%n", cases.size(), agree,
                    differ.size(), String.join("\n", differ));
            assertThat(agree + differ.size()).isEqualTo(cases.size());
            assertThat(RawHttp.exchange(ours.port(), ConformanceTest.get("/hello.txt")).status()).isEqualTo(200);
            assertThat(nginx.isAlive()).as("nginx still running (see %s)", prefix.resolve("out.log")).isTrue();
        } finally {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
            }
        }
    }
}
