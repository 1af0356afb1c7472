package org.loomcsp.webserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.webserver.ConformanceTest.get;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12, item 10: HTTPS from a PKCS#12 keystore, and what a plain-HTTP request to the TLS port gets. */
class TlsTest {
    @TempDir
    static Path keys;
    @TempDir
    Path tmp;
    static Path keystore;
    Path passwordFile;

    @BeforeEach
    void passwordFile() throws Exception {
        passwordFile = tmp.resolve("tls-password");
        Files.writeString(passwordFile, "changeit\n");
    }

    /** One keystore for the class: keytool is slow to start. */
    @BeforeAll
    static void makeKeystore() throws Exception {
        keystore = keys.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", "changeit", "-keypass", "changeit", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2", "-ext", "san=ip:127.0.0.1")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    private static HttpClient client() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
    }

    @Test
    void filesAreServedOverHttpsSmallAndLargeAndKeepAliveWorks() throws Exception {
        Path root = TestServers.fixture(tmp);
        byte[] big = TestServers.pattern(3 << 20);
        Files.write(root.resolve("big.bin"), big);
        try (WebServer server = TestServers.start(root, b -> b.tlsKeystore(keystore).tlsPasswordFile(passwordFile));
             HttpClient client = client()) {
            String base = "https://127.0.0.1:" + server.port();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/hello.txt")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("hello, world\n");
            }
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(base + "/big.bin")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.body()).isEqualTo(big);
            assertThat(server.stats().connectionsAccepted()).isEqualTo(1);
        }
    }

    @Test
    void plainHttpOnTheTlsPortGets400OrWithTheOptionARedirect() throws Exception {
        Path root = TestServers.fixture(tmp);
        try (WebServer server = TestServers.start(root, b -> b.tlsKeystore(keystore).tlsPasswordFile(passwordFile))) {
            RawHttp.Reply r = RawHttp.exchange(server.port(), get("/hello.txt"));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("connection")).isEqualTo("close");
        }
        try (WebServer server = TestServers.start(root, b -> b.tlsKeystore(keystore).tlsPasswordFile(passwordFile)
                .httpsRedirect(true))) {
            RawHttp.Reply r = RawHttp.exchange(server.port(), get("/docs/?q=1"));
            assertThat(r.status()).isEqualTo(301);
            assertThat(r.header("location")).isEqualTo("https://test/docs/?q=1");
        }
    }

    @Test
    void aWrongKeystorePasswordIsRefusedAtStartSayingWhatToCheck() throws Exception {
        Path root = TestServers.fixture(tmp);
        Files.writeString(passwordFile, "wrong\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServers.start(root, b -> b.tlsKeystore(keystore)
                .tlsPasswordFile(passwordFile))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PKCS#12").hasMessageContaining("keytool");
    }
}
