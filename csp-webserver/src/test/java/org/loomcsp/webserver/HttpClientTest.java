package org.loomcsp.webserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Happy paths through a real, well-behaved client: {@link java.net.http.HttpClient} over HTTP/1.1. */
class HttpClientTest {
    @TempDir
    static Path tmp;
    static Path root;
    static WebServer server;
    static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        root = TestServers.fixture(tmp);
        server = TestServers.start(root, b -> b.writable(true));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        client.close();
        server.close();
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void getServesTheFileWithItsMetadata() throws Exception {
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri("/1k.bin")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(TestServers.ONE_K);
        assertThat(r.headers().firstValue("etag")).isPresent();
        assertThat(r.headers().firstValue("last-modified")).isPresent();
    }

    @Test
    void aConditionalGetWithTheEtagGets304() throws Exception {
        HttpResponse<String> first = client.send(HttpRequest.newBuilder(uri("/hello.txt")).build(), HttpResponse.BodyHandlers.ofString());
        String etag = first.headers().firstValue("etag").orElseThrow();
        HttpResponse<String> second = client.send(HttpRequest.newBuilder(uri("/hello.txt")).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(second.statusCode()).isEqualTo(304);
        assertThat(second.body()).isEmpty();
    }

    @Test
    void aRangeRequestGetsTheBytesAsked() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/digits.txt")).header("Range", "bytes=3-5").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.body()).isEqualTo("345");
    }

    @Test
    void putThenGetThenDeleteRoundTrips() throws Exception {
        URI u = uri("/put/roundtrip.txt");
        HttpResponse<String> created = client.send(HttpRequest.newBuilder(u).PUT(HttpRequest.BodyPublishers.ofString("v1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        HttpResponse<String> replaced = client.send(HttpRequest.newBuilder(u).PUT(HttpRequest.BodyPublishers.ofString("v2")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(replaced.statusCode()).isEqualTo(204);
        assertThat(client.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("v2");
        assertThat(client.send(HttpRequest.newBuilder(u).DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(204);
        assertThat(client.send(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void aStreamedPutOfUnknownLengthIsStored() throws Exception {
        byte[] big = TestServers.pattern(300_000);
        HttpRequest put = HttpRequest.newBuilder(uri("/put/streamed.bin"))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))).build();
        assertThat(client.send(put, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(201);
        assertThat(Files.readAllBytes(root.resolve("put/streamed.bin"))).isEqualTo(big);
    }

    @Test
    void aLargeFileIsStreamedWhole() throws Exception {
        byte[] big = TestServers.pattern(5 * 1024 * 1024 + 17);
        Files.write(root.resolve("big.bin"), big);
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri("/big.bin")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(big);
    }

    @Test
    void theDirectoryRedirectIsFollowed() throws Exception {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        try (following) {
            HttpResponse<String> r = following.send(HttpRequest.newBuilder(uri("/docs")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.uri().getPath()).isEqualTo("/docs/");
            assertThat(r.body()).isEqualTo("docs index\n");
        }
    }

    @Test
    void theStatusPageCountsRequests() throws Exception {
        client.send(HttpRequest.newBuilder(uri("/hello.txt")).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("/_csp/status.json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).matches("(?s).*\"requests\":[1-9][0-9]*.*");
    }
}
