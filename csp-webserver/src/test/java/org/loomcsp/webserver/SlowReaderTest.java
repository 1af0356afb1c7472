package org.loomcsp.webserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.webserver.ConformanceTest.get;

import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.loomcsp.Backend;

/**
 * Issue 12, item 1: clients that stop reading a large download must cost a parked process, not a
 * spinning carrier. Before the fix, {@code HttpOutput.transfer} looped on {@code transferTo}
 * returning 0 on the full non-blocking socket of a virtual thread, so as many such clients as
 * there are carriers froze the whole server and the watchdog (itself a process) never ran.
 */
class SlowReaderTest {
    @TempDir
    Path tmp;

    /** More stalled downloads than the virtual-thread scheduler has carriers, so a spin would freeze everything. */
    private static int stalledClients() {
        return Math.min(32, 2 * Runtime.getRuntime().availableProcessors() + 2);
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"VIRTUAL", "PLATFORM"})
    void clientsThatStopReadingNeitherStallOthersNorOutliveTheWriteTimeout(Backend backend) throws Exception {
        Path root = TestServers.fixture(tmp);
        try (RandomAccessFile f = new RandomAccessFile(root.resolve("50m.bin").toFile(), "rw")) {
            f.setLength(50L << 20); // sparse: costs no disk
        }
        List<Socket> stalled = new ArrayList<>();
        try (WebServer server = TestServers.start(root, b -> b.backend(backend).writeTimeout(Duration.ofSeconds(2)))) {
            for (int i = 0; i < stalledClients(); i++) {
                Socket s = new Socket();
                s.setReceiveBufferSize(4096);
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
                s.getOutputStream().write(get("/50m.bin").getBytes(StandardCharsets.US_ASCII));
                stalled.add(s); // never read
            }
            // every stalled response has begun (its first bytes are readable), so its writer has hit the full socket
            for (Socket s : stalled) {
                s.setSoTimeout(30_000);
                assertThat(s.getInputStream().read()).isEqualTo('H');
            }
            for (int i = 0; i < 4; i++) {
                try (RawHttp c = new RawHttp(server.port())) {
                    c.setTimeout(20_000); // generous: the failure mode is "never", not "slow"
                    RawHttp.Reply r = c.send(get("/hello.txt")).read();
                    assertThat(r.status()).isEqualTo(200);
                    assertThat(r.text()).isEqualTo("hello, world\n");
                }
            }
            // the write timeout cuts every stalled download
            Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> server.liveConnections() == 0);
            assertThat(RawHttp.exchange(server.port(), get("/hello.txt")).status()).isEqualTo(200);
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }
}
