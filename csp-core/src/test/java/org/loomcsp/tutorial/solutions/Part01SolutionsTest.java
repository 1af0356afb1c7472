package org.loomcsp.tutorial.solutions;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.loomcsp.Backend;
import org.loomcsp.CSPProcess;
import org.loomcsp.CSPServer;
import org.loomcsp.Csp;
import org.loomcsp.testing.BackendTest;

class Part01SolutionsTest {

    /** Exercise 1: each countdown process produces its own full countdown, also when three run at once. */
    @BackendTest
    void countdownsProduceTheirSequenceAlsoWhenRunTogether(Backend backend) throws Exception {
        List<String> one = new ArrayList<>();
        Part01Solutions.countdown(3, one).run();
        assertThat(one).containsExactly("3", "2", "1", "liftoff");

        List<List<String>> outs = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        List<CSPProcess> ps = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ps.add(Part01Solutions.countdown(i + 1, outs.get(i)).start());
        }
        for (CSPProcess p : ps) {
            p.join();
        }
        assertThat(outs.get(0)).containsExactly("1", "liftoff");
        assertThat(outs.get(2)).containsExactly("3", "2", "1", "liftoff");
    }

    /** Exercise 2: the Collatz server adds one term per step and ends after 1 (112 terms for 27). */
    @BackendTest
    void collatzServerTakesOneStepPerTerm(Backend backend) throws Exception {
        List<Long> out = new ArrayList<>();
        CSPServer s = Part01Solutions.collatz(27, out);
        s.run();
        assertThat(out).hasSize(112).startsWith(27L, 82L, 41L).endsWith(4L, 2L, 1L);
    }

    /** Exercise 3: files are served with their content type; missing files get 404, other verbs 405. */
    @BackendTest
    void fileServerServesFilesWithTypesAnd404And405(Backend backend, @TempDir Path root)
            throws Exception {
        Files.writeString(root.resolve("index.html"), "<h1>hi</h1>");
        Files.writeString(root.resolve("notes.txt"), "plain");
        ServerSocket sock = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        CSPProcess server = Part01Solutions.fileServer(sock, root.toRealPath(), 4).start();
        int port = sock.getLocalPort();
        List<String> answers = Collections.synchronizedList(new ArrayList<>());
        Csp.run(
                Csp.process(() -> answers.add(get(port, "GET /index.html HTTP/1.0"))),
                Csp.process(() -> answers.add(get(port, "GET /notes.txt HTTP/1.0"))),
                Csp.process(() -> answers.add(get(port, "GET /missing.html HTTP/1.0"))),
                Csp.process(() -> answers.add(get(port, "DELETE /index.html HTTP/1.0"))));
        server.join();
        assertThat(answers).hasSize(4);
        assertThat(answers).anySatisfy(a -> assertThat(a).startsWith("HTTP/1.0 200 OK")
                .contains("Content-Type: text/html").endsWith("<h1>hi</h1>"));
        assertThat(answers).anySatisfy(a -> assertThat(a).startsWith("HTTP/1.0 200 OK")
                .contains("Content-Type: text/plain").endsWith("plain"));
        assertThat(answers).anySatisfy(a -> assertThat(a).startsWith("HTTP/1.0 404 Not Found"));
        assertThat(answers).anySatisfy(a -> assertThat(a).startsWith("HTTP/1.0 405 Method Not Allowed"));
    }

    private static String get(int port, String requestLine) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream().write((requestLine + "\r\n\r\n").getBytes(UTF_8));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
