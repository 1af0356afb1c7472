package org.loomcsp.webserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.webserver.ConformanceTest.get;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, items 5 and 6: every response leaves one access-log line with the body bytes actually
 * sent, also when its write failed (client abort, write timeout, shutdown cut), and shutdown lets
 * responses in flight finish during the grace period, cuts only those still running after it,
 * and counts exactly those.
 */
class AccessLogCompletenessTest {
    private static final long SIZE = 64L << 20;

    @TempDir
    Path tmp;

    private Path root() throws Exception {
        Path root = TestServers.fixture(tmp);
        try (RandomAccessFile f = new RandomAccessFile(root.resolve("huge.bin").toFile(), "rw")) {
            f.setLength(SIZE); // sparse
        }
        return root;
    }

    private static Socket stalledDownload(int port, String path) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        s.getOutputStream().write(get(path).getBytes(StandardCharsets.US_ASCII));
        s.setSoTimeout(30_000);
        assertThat(s.getInputStream().read()).isEqualTo('H'); // the response has begun
        return s;
    }

    /** The body byte count logged for {@code request} (exactly one line must name it). */
    private static long loggedBytes(List<String> lines, String request, int status) {
        List<String> mine = lines.stream().filter(l -> l.contains("\"" + request + " HTTP/1.1\"")).toList();
        assertThat(mine).as("lines for %s in %s", request, lines).hasSize(1);
        String[] f = mine.get(0).split("\" ")[1].split(" ");
        assertThat(Integer.parseInt(f[0])).isEqualTo(status);
        return f[1].equals("-") ? 0 : Long.parseLong(f[1]);
    }

    @Test
    void abortedTimedOutAndShutdownCutDownloadsEachLeaveOneLineWithTheBytesSent() throws Exception {
        Path root = root();
        Path log = tmp.resolve("access.log");
        AccessLogSetup.configure(AccessLogFormat.COMMON, log);
        WebServer first = TestServers.start(root, b -> b.accessLog(AccessLogFormat.COMMON)
                .writeTimeout(Duration.ofSeconds(2)));
        int port = first.port();
        // 1. the client reads a little, then aborts
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getOutputStream().write(get("/huge.bin?aborted").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertThat(in.readNBytes(256 * 1024)).hasSize(256 * 1024);
            s.setSoLinger(true, 0); // reset, as a browser that gives up does
        }
        // 2. the client stops reading: the write timeout cuts it
        try (Socket s = stalledDownload(port, "/huge.bin?timed-out")) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> first.liveConnections() == 0);
        }
        first.close();
        WebServer server = TestServers.start(root, b -> b.accessLog(AccessLogFormat.COMMON)
                .shutdownGrace(Duration.ofSeconds(1)));
        port = server.port();
        // 3. a finished download and a stalled one when shutdown begins: the first is not cut, the second is
        try (Socket s = stalledDownload(port, "/huge.bin?cut"); RawHttp ok = new RawHttp(port)) {
            assertThat(ok.send(get("/1k.bin")).read().status()).isEqualTo(200);
            server.shutdown();
            assertThat(server.awaitTermination(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(server.stats().connectionsCut()).isEqualTo(1);
        List<String> lines = Files.readAllLines(log);
        for (String q : new String[] {"aborted", "timed-out", "cut"}) {
            long bytes = loggedBytes(lines, "GET /huge.bin?" + q, 200);
            assertThat(bytes).as(q).isGreaterThan(0).isLessThan(SIZE);
        }
        assertThat(loggedBytes(lines, "GET /1k.bin", 200)).isEqualTo(1024);
    }

    @Test
    void shutdownLetsAResponseInFlightFinishWithinTheGrace() throws Exception {
        Path root = root();
        WebServer server = TestServers.start(root, b -> b.shutdownGrace(Duration.ofSeconds(60)));
        try (Socket s = stalledDownload(server.port(), "/huge.bin")) {
            server.shutdown();
            // the download is slow but goes on: reading all of it completes the response
            InputStream in = s.getInputStream();
            long total = 1;
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
            }
            assertThat(total).isGreaterThan(SIZE); // head + the whole body
            assertThat(server.awaitTermination(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(server.stats().connectionsCut()).isZero();
    }
}
