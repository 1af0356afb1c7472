import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measurement for issue 12: N clients that stop reading a large download, and how fast normal
 * requests are answered meanwhile. Run with the JDK's source launcher:
 *
 * <pre>java SlowClients.java PORT N LARGE_PATH SMALL_PATH WRITE_TIMEOUT_SECONDS</pre>
 *
 * Opens N connections with a 4 KiB receive buffer, sends GET LARGE_PATH on each and reads only the
 * first byte (so every response has begun and its writer has met a full socket); then times 20
 * normal GET SMALL_PATH requests, each on a new connection; then waits for the server to cut the
 * stalled downloads (write timeout): after the timeout plus 3 s, each stalled connection must end
 * before the whole file has arrived. Prints one result line; exit status 1 when a normal request
 * took 1 s or more, or a stalled download was not cut.
 */
public class SlowClients {
    public static void main(String[] a) throws Exception {
        int port = Integer.parseInt(a[0]);
        int n = Integer.parseInt(a[1]);
        String large = a[2];
        String small = a[3];
        int writeTimeout = Integer.parseInt(a[4]);
        InetAddress lo = InetAddress.getLoopbackAddress();
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket s = new Socket();
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress(lo, port));
            s.getOutputStream().write(("GET " + large + " HTTP/1.1\r\nHost: m\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            stalled.add(s);
        }
        for (Socket s : stalled) {
            s.setSoTimeout(30_000);
            if (s.getInputStream().read() != 'H') {
                throw new IllegalStateException("a stalled download did not begin");
            }
        }
        long stalledAt = System.nanoTime();
        long[] ms = new long[20];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            try (Socket s = new Socket(lo, port)) {
                s.setSoTimeout(30_000);
                OutputStream out = s.getOutputStream();
                out.write(("GET " + small + " HTTP/1.1\r\nHost: m\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                byte[] status = in.readNBytes(12);
                if (!new String(status, StandardCharsets.US_ASCII).endsWith("200")) {
                    throw new IllegalStateException("normal request not answered 200: " + new String(status, StandardCharsets.US_ASCII));
                }
                in.readAllBytes();
            }
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
        }
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        // the stalled downloads must be cut by the server's write timeout: wait it out (plus a margin)
        // without reading, then read each: a cut one ends (EOF or reset) before the whole file arrives
        long waitMs = (writeTimeout + 3) * 1000L - (System.nanoTime() - stalledAt) / 1_000_000;
        if (waitMs > 0) {
            Thread.sleep(waitMs);
        }
        long fileBytes = Long.parseLong(a.length > 5 ? a[5] : "52428800");
        int cut = 0;
        for (Socket s : stalled) {
            s.setSoTimeout(10_000);
            long total = 1;
            try {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[1 << 16];
                int r;
                while ((r = in.read(buf)) >= 0) {
                    total += r;
                }
            } catch (java.io.IOException resetOrTimeout) {
                // a reset is a cut too; a timeout leaves total where it is
            }
            if (total < fileBytes) {
                cut++;
            }
            s.close();
        }
        boolean ok = sorted[sorted.length - 1] < 1000 && cut == n;
        System.out.printf("stalled=%d  normal requests: p50=%d ms max=%d ms  stalled cut by write timeout: %d/%d  %s%n",
                n, sorted[sorted.length / 2], sorted[sorted.length - 1], cut, n, ok ? "PASS" : "FAIL");
        System.exit(ok ? 0 : 1);
    }
}
