package org.loomcsp.webserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.webserver.ConformanceTest.get;
import static org.loomcsp.webserver.ConformanceTest.req;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shutdown poisons the network: stop accepting, finish in-flight requests with Connection: close, close idle ones, force the rest, flush the log. */
class ShutdownTest {
    @TempDir
    Path tmp;

    @Test
    void shutdownFinishesInFlightRequestsClosesIdleOnesAndStopsAccepting() throws Exception {
        Path root = TestServers.fixture(tmp);
        Path log = tmp.resolve("access.log");
        AccessLogSetup.configure(AccessLogFormat.COMBINED, log);
        WebServer server = TestServers.start(root, b -> b.writable(true).accessLog(AccessLogFormat.COMBINED)
                .shutdownGrace(Duration.ofSeconds(30)));
        int port = server.port();
        try (RawHttp idle = new RawHttp(port); RawHttp busy = new RawHttp(port)) {
            assertThat(idle.send(get("/hello.txt", "User-Agent: idle-client")).read().status()).isEqualTo(200);
            // a PUT whose body is only half sent is a request in flight
            busy.send(req("PUT", "/put/inflight.txt", "Content-Length: 10") + "01234");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.stats().connectionsAccepted() == 2);

            server.shutdown();

            assertThat(idle.closedByServer()).as("idle connection closed at once").isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                            .isInstanceOf(ConnectException.class));
            busy.send("56789");
            RawHttp.Reply r = busy.read();
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(Files.readString(root.resolve("put/inflight.txt"))).isEqualTo("0123456789");
        }
        assertThat(server.awaitTermination(Duration.ofSeconds(30))).isTrue();
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"GET /hello.txt HTTP/1.1\" 200 13").endsWith("\"idle-client\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"PUT /put/inflight.txt HTTP/1.1\" 201"));
    }

    @Test
    void shutdownForcesStragglersAfterTheGracePeriod() throws Exception {
        Path root = TestServers.fixture(tmp);
        WebServer server = TestServers.start(root, b -> b.writable(true).shutdownGrace(Duration.ofMillis(500))
                .readTimeout(Duration.ofMinutes(5)));
        try (RawHttp stuck = new RawHttp(server.port())) {
            stuck.send(req("PUT", "/put/never.txt", "Content-Length: 100") + "only part");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> server.liveConnections() == 1);
            server.shutdown();
            assertThat(server.awaitTermination(Duration.ofSeconds(30))).isTrue();
            assertThat(stuck.closedByServer()).isTrue();
        }
        assertThat(server.liveConnections()).isZero();
        assertThat(root.resolve("put/never.txt")).doesNotExist();
    }

    @Test
    void aServerWithNoTrafficStopsPromptly() throws Exception {
        WebServer server = TestServers.start(TestServers.fixture(tmp), b -> b);
        server.shutdown();
        assertThat(server.awaitTermination(Duration.ofSeconds(10))).isTrue();
    }
}
