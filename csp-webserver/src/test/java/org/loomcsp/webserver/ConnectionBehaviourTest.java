package org.loomcsp.webserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.webserver.ConformanceTest.get;
import static org.loomcsp.webserver.ConformanceTest.req;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conformance cases that need more than one request or response on a connection (checklist §2.2-§2.4). */
class ConnectionBehaviourTest {
    @TempDir
    static Path tmp;
    static Path root;
    static WebServer server;
    /** Short time limits, only for the tests that wait for them: elsewhere a loaded machine would trip them. */
    static WebServer timing;

    @BeforeAll
    static void start() throws IOException {
        root = TestServers.fixture(tmp);
        server = TestServers.start(root, b -> b.writable(true).maxBodyBytes(100_000));
        timing = TestServers.start(root, b -> b.requestTimeout(Duration.ofSeconds(1)).idleTimeout(Duration.ofSeconds(2)));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        server.close();
        timing.close();
    }

    @Test
    @DisplayName("RFC9112-9.3-PERSISTENT-BY-DEFAULT")
    void http11ConnectionsPersistByDefault() throws IOException {
        try (RawHttp c = new RawHttp(server.port())) {
            for (int i = 0; i < 5; i++) {
                RawHttp.Reply r = c.send(get("/hello.txt")).read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("connection")).isNull();
            }
        }
    }

    @Test
    @DisplayName("RFC9112-9.6-CONNECTION-CLOSE")
    void connectionCloseIsHonoured() throws IOException {
        try (RawHttp c = new RawHttp(server.port())) {
            RawHttp.Reply r = c.send(get("/hello.txt", "Connection: close")).read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    @DisplayName("RFC9112-9.3-HTTP10-CLOSES-BY-DEFAULT")
    void http10ClosesByDefault() throws IOException {
        try (RawHttp c = new RawHttp(server.port())) {
            RawHttp.Reply r = c.send("GET /hello.txt HTTP/1.0\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("content-length")).isEqualTo("13");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    @DisplayName("RFC9112-9.3-HTTP10-KEEP-ALIVE")
    void http10KeepAliveIsEchoedAndHonoured() throws IOException {
        try (RawHttp c = new RawHttp(server.port())) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Reply r = c.send("GET /hello.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("connection")).isEqualTo("keep-alive");
            }
        }
    }

    @Test
    @DisplayName("RFC9112-9.3.2-PIPELINING-IN-ORDER")
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        String[] paths = {"/hello.txt", "/digits.txt", "/missing", "/1k.bin", "/docs/", "/hello.txt"};
        StringBuilder all = new StringBuilder();
        for (String p : paths) {
            all.append(get(p));
        }
        all.append(req("HEAD", "/digits.txt"));
        try (RawHttp c = new RawHttp(server.port())) {
            c.send(all.toString());
            int[] expected = {200, 200, 404, 200, 200, 200};
            List<String> bodies = new ArrayList<>();
            for (int status : expected) {
                RawHttp.Reply r = c.read();
                assertThat(r.status()).isEqualTo(status);
                bodies.add(r.text());
            }
            assertThat(bodies.get(0)).isEqualTo("hello, world\n");
            assertThat(bodies.get(1)).isEqualTo("0123456789");
            assertThat(bodies.get(3)).hasSize(1024);
            assertThat(bodies.get(4)).isEqualTo("docs index\n");
            RawHttp.Reply head = c.read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo("10");
            // and the connection is still usable afterwards
            assertThat(c.send(get("/hello.txt")).read().status()).isEqualTo(200);
        }
    }

    @Test
    @DisplayName("SMUG-UNREAD-BODY-NOT-A-REQUEST")
    void anUnreadBodyIsNeverParsedAsTheNextRequest() throws IOException {
        String smuggled = "GET /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n";
        try (RawHttp c = new RawHttp(server.port())) {
            c.send(req("GET", "/missing", "Content-Length: " + smuggled.length()) + smuggled + get("/digits.txt"));
            assertThat(c.read().status()).isEqualTo(404);
            RawHttp.Reply next = c.read();
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.text()).isEqualTo("0123456789");
        }
    }

    @Test
    @DisplayName("SMUG-UNREAD-CHUNKED-BODY-NOT-A-REQUEST")
    void anUnreadChunkedBodyIsDrained() throws IOException {
        String smuggled = "GET /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n";
        String chunked = Integer.toHexString(smuggled.length()) + "\r\n" + smuggled + "\r\n0\r\n\r\n";
        try (RawHttp c = new RawHttp(server.port())) {
            c.send(req("POST", "/hello.txt", "Transfer-Encoding: chunked") + chunked + get("/digits.txt"));
            assertThat(c.read().status()).isEqualTo(405);
            RawHttp.Reply next = c.read();
            assertThat(next.text()).isEqualTo("0123456789");
        }
    }

    @Test
    @DisplayName("RFC9112-9.6-CLOSE-AFTER-FRAMING-ERROR")
    void aFramingErrorClosesTheConnection() throws IOException {
        try (RawHttp c = new RawHttp(server.port())) {
            RawHttp.Reply r = c.send(get("/", "Content-Length: 1", "Content-Length: 2") + "xx" + get("/hello.txt")).read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    @DisplayName("RFC9110-10.1.1-EXPECT-100-CONTINUE")
    void expectContinueGetsAnInterimResponseBeforeTheBody() throws IOException {
        try (RawHttp c = new RawHttp(server.port())) {
            c.send(req("PUT", "/put/continue.txt", "Content-Length: 5", "Expect: 100-continue"));
            RawHttp.Reply interim = c.read();
            assertThat(interim.status()).isEqualTo(100);
            c.send("hello");
            assertThat(c.read().status()).isEqualTo(201);
            assertThat(Files.readString(root.resolve("put/continue.txt"))).isEqualTo("hello");
            assertThat(c.send(get("/put/continue.txt")).read().text()).isEqualTo("hello");
        }
    }

    @Test
    @DisplayName("RFC9110-10.1.1-EXPECT-FINAL-STATUS-WITHOUT-100")
    void aRefusedUploadIsAnsweredWithoutInvitingTheBody() throws IOException {
        try (RawHttp c = new RawHttp(server.port())) {
            c.send(req("PUT", "/put/huge.txt", "Content-Length: 1000000", "Expect: 100-continue"));
            RawHttp.Reply r = c.read();
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.header("connection")).isEqualTo("close");
            assertThat(root.resolve("put/huge.txt")).doesNotExist();
        }
    }

    @Test
    @DisplayName("RFC9112-7.1-CHUNKED-INCOMPLETE-NEVER-STORED")
    void anIncompleteChunkedBodyIsNeverStored() throws Exception {
        try (RawHttp c = new RawHttp(server.port())) {
            c.send(req("PUT", "/put/partial.txt", "Transfer-Encoding: chunked") + "10\r\nonly-some-");
        }
        // the client is gone; once the server notices, no file (and no temp file) may remain
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> server.liveConnections() == 0);
        assertThat(root.resolve("put/partial.txt")).doesNotExist();
        try (var s = Files.list(root.resolve("put"))) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".put-"));
        }
    }

    @Test
    @DisplayName("RFC9112-9.5-SLOW-HEADER-408")
    void aClientTooSlowToSendItsHeadGets408() throws IOException {
        try (RawHttp c = new RawHttp(timing.port())) {
            c.send("GET /hello.txt HTTP/1.1\r\nHost: t\r\n");
            RawHttp.Reply r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.header("connection")).isEqualTo("close");
        }
    }

    @Test
    @DisplayName("RFC9112-9.5-IDLE-CLOSE-WITHOUT-RESPONSE")
    void anIdleKeepAliveConnectionIsClosedSilently() throws IOException {
        try (RawHttp c = new RawHttp(timing.port())) {
            assertThat(c.send(get("/hello.txt")).read().status()).isEqualTo(200);
            c.setTimeout(20_000);
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    @DisplayName("RFC7578-MULTIPART-UPLOAD-STORES-FILE")
    void aMultipartFormUploadStoresTheFile() throws IOException {
        String boundary = "----loomcspBoundary42";
        String content = "line one\r\n--not-a-boundary\r\nline two\n";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nignored\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"up load.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (RawHttp c = new RawHttp(server.port())) {
            RawHttp.Reply r = c.send(req("POST", "/upload/", "Content-Type: multipart/form-data; boundary=" + boundary,
                    "Content-Length: " + bytes.length) + body).read();
            assertThat(r.status()).isEqualTo(303);
            assertThat(r.header("location")).isEqualTo("/upload/");
        }
        assertThat(Files.readString(root.resolve("upload/up load.txt"))).isEqualTo(content);
    }

    @Test
    @DisplayName("RFC7578-MULTIPART-TRAVERSAL-NAME-REFUSED")
    void anUploadNamedWithATraversalIsStoredUnderItsBaseName() throws IOException {
        String boundary = "b0undary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../evil.txt\"\r\n\r\n"
                + "evil\r\n--" + boundary + "--\r\n";
        RawHttp.Reply r = RawHttp.exchange(server.port(), req("POST", "/upload/",
                "Content-Type: multipart/form-data; boundary=" + boundary, "Content-Length: " + body.length()) + body);
        assertThat(r.status()).isEqualTo(303);
        assertThat(tmp.resolve("evil.txt")).doesNotExist();
        assertThat(root.resolve("upload/evil.txt")).hasContent("evil");
    }
}
