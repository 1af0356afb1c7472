package org.loomcsp.webserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.webserver.ConformanceTest.get;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 2: out of file descriptors, {@code accept} fails at once for as long as a
 * connection is queued. The acceptor must back off instead of spinning, log a line now and then
 * instead of a stack trace per attempt, and serve again once descriptors are free. Runs the
 * server in a child JVM with {@code ulimit -n 128}.
 */
class DescriptorExhaustionTest {
    @TempDir
    Path tmp;

    @Test
    void outOfDescriptorsTheAcceptorBacksOffLogsLittleAndRecovers() throws Exception {
        Path root = TestServers.fixture(tmp);
        try (ChildServer child = ChildServer.start("ulimit -n 128", Map.of(), "--root", root.toString())) {
            int port = child.port();
            assertThat(RawHttp.exchange(port, get("/hello.txt")).status()).isEqualTo(200);
            List<Socket> hogs = new ArrayList<>();
            try {
                for (int i = 0; i < 250; i++) {
                    hogs.add(new Socket(InetAddress.getLoopbackAddress(), port)); // the backlog completes the handshake
                }
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> child.linesContaining("accept failed") > 0);
                Duration cpu0 = child.cpu();
                long t0 = System.nanoTime();
                // a latch nobody counts down: a plain, interruptible wait of a fixed measuring window
                new CountDownLatch(1).await(4, TimeUnit.SECONDS);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpuShare = (child.cpu().toNanos() - cpu0.toNanos()) / 1e9 / seconds;
                System.out.printf("out of descriptors: %.1f %% of one core, %d log line(s) so far%n", cpuShare * 100,
                        child.linesContaining("accept failed"));
                // before the fix: one core (100 %) of spinning and megabytes of stack traces
                assertThat(cpuShare).as("CPU share of one core while out of descriptors").isLessThan(0.5);
                assertThat(child.linesContaining("accept failed")).isLessThanOrEqualTo(3);
                assertThat(child.linesContaining("\tat ")).as("stack trace lines in %s", child.output).isZero();
            } finally {
                for (Socket s : hogs) {
                    s.close();
                }
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> RawHttp.exchange(port, get("/hello.txt")).status() == 200);
        }
    }
}
