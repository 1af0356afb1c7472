package org.loomcsp.webserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.webserver.ConformanceTest.get;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 12, section "client errors never print stack traces": mutated request heads and
 * multipart bodies, sent over real sockets, must never make the server log a stack trace, and
 * it must keep serving. Seeded and replayable: the seed is printed; rerun one with
 * {@code -Dfuzz.seed=N}. Sizes: {@code -Dfuzz.heads} (default 10,000), {@code -Dfuzz.bodies}
 * (default 1,000).
 */
class FuzzTest {
    private static final String[] HEADS = {
        "GET /hello.txt HTTP/1.1\r\nHost: t\r\n\r\n",
        "HEAD /1k.bin HTTP/1.1\r\nHost: t\r\nRange: bytes=0-10,20-30\r\n\r\n",
        "GET /list/ HTTP/1.1\r\nHost: t\r\nIf-None-Match: \"x\"\r\nIf-Modified-Since: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n",
        "GET /%C3%A9.txt?q=1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "PUT /put/f.txt HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello",
        "PUT /put/c.txt HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "DELETE /put/f.txt HTTP/1.1\r\nHost: t\r\nIf-Match: *\r\n\r\n",
        "MKCOL /put/d HTTP/1.1\r\nHost: t\r\n\r\n",
        "OPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n",
        "GET /docs HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nAccept-Encoding: br, gzip;q=0.5\r\n\r\n",
        "GET /_csp/status.json HTTP/1.1\r\nHost: t\r\nOrigin: http://t\r\nSec-Fetch-Site: cross-site\r\n\r\n",
        "POST /upload/ HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary=zz\r\nContent-Length: 10\r\n\r\n--zz--\r\n\r\n",
    };
    private static final byte[] INTERESTING = " \t\r\n\0:;%/\\.\"=,*-?#\u00ff\u0080\u00c0\u00ae".getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path tmp;

    /** Counts log events that carry a stack trace (and keeps the first few for the message). */
    static final class TraceCounter extends AppenderBase<ILoggingEvent> {
        final AtomicInteger traces = new AtomicInteger();
        final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();

        @Override
        protected void append(ILoggingEvent e) {
            if (e.getThrowableProxy() != null) {
                traces.incrementAndGet();
                if (samples.size() < 5) {
                    samples.add(e.getFormattedMessage() + " / " + e.getThrowableProxy().getClassName() + ": "
                            + e.getThrowableProxy().getMessage());
                }
            }
        }
    }

    static byte[] mutate(byte[] in, Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + 64);
        byte[] b = in.clone();
        int ops = 1 + rnd.nextInt(4);
        for (int k = 0; k < ops; k++) {
            int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
            out.reset();
            switch (rnd.nextInt(8)) {
                case 0 -> { // flip a byte
                    if (b.length > 0) {
                        b[at] = (byte) rnd.nextInt(256);
                    }
                    continue;
                }
                case 1 -> { // an interesting byte in place
                    if (b.length > 0) {
                        b[at] = INTERESTING[rnd.nextInt(INTERESTING.length)];
                    }
                    continue;
                }
                case 2 -> { // insert interesting bytes
                    out.write(b, 0, at);
                    for (int i = rnd.nextInt(3) + 1; i > 0; i--) {
                        out.write(INTERESTING[rnd.nextInt(INTERESTING.length)]);
                    }
                    out.write(b, at, b.length - at);
                }
                case 3 -> { // delete a run
                    int n = Math.min(b.length - at, rnd.nextInt(8) + 1);
                    out.write(b, 0, at);
                    out.write(b, at + n, b.length - at - n);
                }
                case 4 -> { // duplicate a run
                    int n = Math.min(b.length - at, rnd.nextInt(16) + 1);
                    out.write(b, 0, at + n);
                    out.write(b, at, b.length - at);
                }
                case 5 -> { // a long run (long names, long numbers)
                    out.write(b, 0, at);
                    byte c = rnd.nextBoolean() ? (byte) 'a' : (byte) '9';
                    for (int i = 200 + rnd.nextInt(400); i > 0; i--) {
                        out.write(c);
                    }
                    out.write(b, at, b.length - at);
                }
                case 6 -> { // truncate
                    out.write(b, 0, at);
                }
                default -> { // percent-escape noise
                    out.write(b, 0, at);
                    out.writeBytes(String.format("%%%02X", rnd.nextInt(256)).getBytes(StandardCharsets.US_ASCII));
                    out.write(b, at, b.length - at);
                }
            }
            b = out.toByteArray();
        }
        return b;
    }

    static byte[] multipartBody(Random rnd) {
        String boundary = "fz" + rnd.nextInt(1000);
        String name = switch (rnd.nextInt(5)) {
            case 0 -> "a;b.txt";
            case 1 -> "n".repeat(250 + rnd.nextInt(20)) + ".txt";
            case 2 -> "sub\\\\dir/x.txt";
            case 3 -> "\u00e9t\u00e9.txt";
            default -> "f" + rnd.nextInt(50) + ".bin";
        };
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + "x".repeat(rnd.nextInt(100)) + "\r\n--" + boundary
                + "--\r\n";
        byte[] mutated = mutate(body.getBytes(StandardCharsets.UTF_8), rnd);
        String head = "POST /upload/ HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary=" + boundary
                + "\r\nContent-Length: " + mutated.length + "\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(mutated);
        return out.toByteArray();
    }

    /** Sends {@code request}, half-closes, reads until the server closes. */
    static void exchange(int port, byte[] request) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            try {
                s.getOutputStream().write(request);
                s.shutdownOutput();
                InputStream in = s.getInputStream();
                byte[] buf = new byte[8192];
                while (in.read(buf) >= 0) {
                    // discard
                }
            } catch (java.net.SocketException reset) {
                // the server may close early on a framing error: that is an answer too
            }
        }
    }

    @Test
    void mutatedRequestHeadsAndMultipartBodiesNeverLogAStackTraceAndTheServerKeepsServing() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int heads = Integer.getInteger("fuzz.heads", 10_000);
        int bodies = Integer.getInteger("fuzz.bodies", 1_000);
        System.out.println("FuzzTest seed: " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        Path root = TestServers.fixture(tmp);
        LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger rootLogger = lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        TraceCounter counter = new TraceCounter();
        counter.setContext(lc);
        counter.start();
        rootLogger.addAppender(counter);
        try (WebServer server = TestServers.start(root, b -> b.writable(true).maxBodyBytes(1 << 16)
                .requestTimeout(Duration.ofSeconds(10)).precompressed(true));
             ExecutorService pool = Executors.newFixedThreadPool(8)) {
            int port = server.port();
            List<byte[]> requests = new ArrayList<>(heads + bodies);
            Random rnd = new Random(seed);
            for (int i = 0; i < heads; i++) {
                requests.add(mutate(HEADS[rnd.nextInt(HEADS.length)].getBytes(StandardCharsets.ISO_8859_1), rnd));
            }
            for (int i = 0; i < bodies; i++) {
                requests.add(multipartBody(rnd));
            }
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                workers.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < requests.size()) {
                        exchange(port, requests.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get(5, TimeUnit.MINUTES);
            }
            assertThat(RawHttp.exchange(port, get("/hello.txt")).status()).isEqualTo(200);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> server.liveConnections() == 0);
            assertThat(server.stats().requests()).isGreaterThan(heads / 2);
        } finally {
            rootLogger.detachAppender(counter);
        }
        assertThat(counter.traces.get()).as("log events with a stack trace (seed %d): %s", seed, counter.samples).isZero();
    }
}
