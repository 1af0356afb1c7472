package org.loomcsp.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.loomcsp.Channel;
import org.loomcsp.ChannelPoison;

/**
 * Token check, TLS and mTLS (PKCS#12 and PEM), loopback by default. Keys are made by keytool.
 * The tests share the keys (read only) and nothing else, so they run concurrently.
 */
@Execution(ExecutionMode.CONCURRENT)
class SecurityTest {
    private static final char[] PASSWORD = "changeit".toCharArray();
    @TempDir
    static Path dir;
    static Path nodeP12;
    static Path strangerP12;
    static Path certPem;
    static Path keyPem;

    private final InProcessNodes inProcess = new InProcessNodes();
    private final java.util.List<CspNode> tcp = new java.util.ArrayList<>();

    @BeforeAll
    static void keys() throws Exception {
        // two keytool JVMs at once: their start-up is most of this class's time on a loaded machine
        Process node = keytool("node");
        Process stranger = keytool("stranger");
        nodeP12 = awaitKeytool(node, "node");
        strangerP12 = awaitKeytool(stranger, "stranger");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(nodeP12)) {
            ks.load(in, PASSWORD);
        }
        Certificate cert = ks.getCertificate("node");
        java.security.Key key = ks.getKey("node", PASSWORD);
        certPem = Files.writeString(dir.resolve("node.crt"), pem("CERTIFICATE", cert.getEncoded()));
        keyPem = Files.writeString(dir.resolve("node.key"), pem("PRIVATE KEY", key.getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static Process keytool(String alias) throws IOException {
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        return new ProcessBuilder(java.resolveSibling("keytool").toString(), "-genkeypair",
                "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", dir.resolve(alias + ".p12").toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
    }

    private static Path awaitKeytool(Process p, String alias) throws IOException, InterruptedException {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool: %s", out).isZero();
        return dir.resolve(alias + ".p12");
    }

    @AfterEach
    void close() {
        inProcess.close();
        tcp.forEach(CspNode::close);
    }

    private CspNode tcpNode(CspNode.Builder b) {
        CspNode n = b.build().start();
        tcp.add(n);
        return n;
    }

    private static void roundTrip(CspNode home, CspNode client) throws Exception {
        Channel<String> ch = home.host("c", Codec.utf8());
        NetChannelOutput<String> out = client.output(home.uri("c"), Codec.utf8());
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return ch.read();
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        out.write("secret");
        assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo("secret");
    }

    @Test
    void aNodeListensOnLoopbackUnlessConfigured() {
        CspNode n = tcpNode(CspNode.builder());
        assertThat(n.uri().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void callsWithTheRightTokenPass() throws Exception {
        CspNode home = inProcess.start(CspNode.builder().token("s3cret"));
        CspNode client = inProcess.start(CspNode.builder().token("s3cret"));
        roundTrip(home, client);
    }

    @Test
    void callsWithoutOrWithAWrongTokenAreRefused() {
        CspNode home = inProcess.start(CspNode.builder().token("s3cret"));
        home.host("c", Codec.utf8());
        for (CspNode client : new CspNode[] {inProcess.start(), inProcess.start(CspNode.builder().token("guess"))}) {
            NetChannelOutput<String> out = client.output(home.uri("c"), Codec.utf8());
            assertThatThrownBy(() -> out.write("x")).isInstanceOf(ChannelPoison.class)
                    .hasMessageContaining("refused").hasMessageContaining("token");
        }
    }

    @Test
    void tlsFromPkcs12() throws Exception {
        TlsConfig tls = TlsConfig.pkcs12(nodeP12, PASSWORD, null, null);
        roundTrip(tcpNode(CspNode.builder().tls(tls)), tcpNode(CspNode.builder().tls(tls)));
    }

    @Test
    void mutualTlsFromPemWithAToken() throws Exception {
        TlsConfig tls = TlsConfig.pem(certPem, keyPem, certPem).requireClientCertificates();
        roundTrip(tcpNode(CspNode.builder().tls(tls).token("t")), tcpNode(CspNode.builder().tls(tls).token("t")));
    }

    @Test
    void mutualTlsRefusesAClientWhoseCertificateIsNotTrusted() throws Exception {
        CspNode home = tcpNode(CspNode.builder().tls(TlsConfig.pkcs12(nodeP12, PASSWORD, null, null)
                .requireClientCertificates()));
        Channel<String> ch = home.host("c", Codec.utf8());
        // trusts the home, but presents a certificate the home does not trust
        TlsConfig strangerTls = new TlsConfig(null, null, null, strangerP12, PASSWORD, nodeP12, PASSWORD, false);
        CspNode stranger = tcpNode(CspNode.builder().tls(strangerTls).connectTimeout(Duration.ofMillis(500))
                .peerTimeout(Duration.ofMillis(500)));
        NetChannelOutput<String> out = stranger.output(home.uri("c"), Codec.utf8());
        assertThatThrownBy(() -> out.write("x")).isInstanceOf(ChannelPoison.class);
        assertThat(ch.tryRead()).isNull();
    }
}
