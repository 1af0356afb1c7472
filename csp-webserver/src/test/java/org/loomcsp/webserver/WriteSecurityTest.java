package org.loomcsp.webserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.webserver.ConformanceTest.get;
import static org.loomcsp.webserver.ConformanceTest.put;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, items 7, 8 and 9: writes need credentials when configured (and a same-site browser
 * context always); the status page is for loopback clients unless allowed; crash leftovers of
 * interrupted writes are removed at start.
 */
class WriteSecurityTest {
    private static final InetAddress ANY = anyAddress();

    @TempDir
    Path tmp;

    private static InetAddress anyAddress() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void withAPasswordFileWritesNeedTheRightBasicCredentialsAndReadsDoNot() throws Exception {
        Path root = TestServers.fixture(tmp);
        Path pw = tmp.resolve("passwords");
        Files.writeString(pw, "# users\n" + WriteGuard.entry("alice", "s3cret pass".toCharArray()) + "\n");
        try (WebServer server = TestServers.start(root, b -> b.writable(true).passwordFile(pw))) {
            int port = server.port();
            RawHttp.Reply anonymous = RawHttp.exchange(port, put("/put/a.txt", "x"));
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.header("www-authenticate")).startsWith("Basic realm=");
            assertThat(RawHttp.exchange(port, put("/put/a.txt", "x", basic("alice", "wrong"))).status()).isEqualTo(401);
            assertThat(RawHttp.exchange(port, put("/put/a.txt", "x", basic("mallory", "s3cret pass"))).status())
                    .isEqualTo(401);
            assertThat(RawHttp.exchange(port, put("/put/a.txt", "x", "Authorization: Basic !!!")).status())
                    .isEqualTo(401);
            assertThat(root.resolve("put/a.txt")).doesNotExist();
            assertThat(RawHttp.exchange(port, put("/put/a.txt", "x", basic("alice", "s3cret pass"))).status())
                    .isEqualTo(201);
            assertThat(root.resolve("put/a.txt")).hasContent("x");
            // verified credentials are remembered; a wrong password is still refused afterwards
            assertThat(RawHttp.exchange(port, put("/put/a.txt", "y", basic("alice", "s3cret pass"))).status())
                    .isEqualTo(204);
            assertThat(RawHttp.exchange(port, put("/put/a.txt", "z", basic("alice", "s3cret pasS"))).status())
                    .isEqualTo(401);
            assertThat(root.resolve("put/a.txt")).hasContent("y");
            assertThat(RawHttp.exchange(port, get("/put/a.txt")).status()).isEqualTo(200);
            // credentials do not lift the cross-site check
            assertThat(RawHttp.exchange(port, put("/put/b.txt", "x", basic("alice", "s3cret pass"),
                    "Origin: http://evil.example")).status()).isEqualTo(403);
        }
    }

    @Test
    void withATokenFileWritesNeedABearerToken() throws Exception {
        Path root = TestServers.fixture(tmp);
        Path tokens = tmp.resolve("tokens");
        Files.writeString(tokens, "tok-1\n\ntok-2\n");
        try (WebServer server = TestServers.start(root, b -> b.writable(true).tokenFile(tokens))) {
            int port = server.port();
            assertThat(RawHttp.exchange(port, ConformanceTest.req("DELETE", "/hello.txt")).status()).isEqualTo(401);
            assertThat(RawHttp.exchange(port, ConformanceTest.req("DELETE", "/hello.txt", "Authorization: Bearer tok-3"))
                    .status()).isEqualTo(401);
            assertThat(RawHttp.exchange(port, ConformanceTest.req("DELETE", "/hello.txt", "Authorization: Bearer tok-2"))
                    .status()).isEqualTo(204);
            assertThat(root.resolve("hello.txt")).doesNotExist();
        }
    }

    @Test
    void aMalformedPasswordFileIsRefusedAtStartWithTheLineAndWhatToDo() throws Exception {
        Path root = TestServers.fixture(tmp);
        Path pw = tmp.resolve("passwords");
        Files.writeString(pw, "alice:plaintext\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServers.start(root, b -> b.writable(true)
                .passwordFile(pw))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1")
                .hasMessageContaining("--hash-password");
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!ni.isUp() || ni.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    private static RawHttp.Reply exchangeFrom(InetAddress address, int port, String request) throws Exception {
        try (Socket s = new Socket(address, port)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return RawHttp.readFrom(s.getInputStream(), false);
        }
    }

    @Test
    void theStatusPageIsOnlyForLoopbackClientsUnlessAllowed() throws Exception {
        Optional<InetAddress> lan = nonLoopbackAddress();
        Assumptions.assumeTrue(lan.isPresent(), "no non-loopback IPv4 address on this machine");
        Path root = TestServers.fixture(tmp);
        try (WebServer server = TestServers.start(root, b -> b.bind(ANY))) {
            assertThat(exchangeFrom(InetAddress.getLoopbackAddress(), server.port(), get("/_csp/status.json")).status())
                    .isEqualTo(200);
            RawHttp.Reply remote = exchangeFrom(lan.get(), server.port(), get("/_csp/status.json"));
            assertThat(remote.status()).isEqualTo(404);
            assertThat(remote.text()).doesNotContain("liveConnections");
            assertThat(exchangeFrom(lan.get(), server.port(), get("/hello.txt")).status()).isEqualTo(200);
        }
        try (WebServer server = TestServers.start(root, b -> b.bind(ANY)
                .statusPageRemote(true))) {
            assertThat(exchangeFrom(lan.get(), server.port(), get("/_csp/status.json")).status()).isEqualTo(200);
        }
    }

    @Test
    void leftoversOfInterruptedWritesAreRemovedAtStartAndNothingElse() throws Exception {
        Path root = TestServers.fixture(tmp);
        Files.writeString(root.resolve(".put-123456789.tmp"), "half a body");
        Files.writeString(root.resolve("put/.put-987.tmp"), "another");
        Files.writeString(root.resolve("put/.put-notmine.txt"), "keep");
        Files.writeString(root.resolve("put/keep.tmp"), "keep");
        try (WebServer server = TestServers.start(root, b -> b.writable(true))) {
            assertThat(root.resolve(".put-123456789.tmp")).doesNotExist();
            assertThat(root.resolve("put/.put-987.tmp")).doesNotExist();
            assertThat(root.resolve("put/.put-notmine.txt")).exists();
            assertThat(root.resolve("put/keep.tmp")).exists();
            assertThat(server.liveConnections()).isZero();
        }
    }
}
