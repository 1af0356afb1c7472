package org.loomcsp.net.multijvm;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Diagnostics for a test that stalls: if it is still running after {@code after}, the threads
 * of this JVM (virtual ones included) and of its child JVMs are dumped into
 * {@code target/stall-dumps}, before the test's timeout interrupts anything. Only evidence: it
 * never changes what the test does.
 */
final class StallDump implements AutoCloseable {
    private final CountDownLatch done = new CountDownLatch(1);

    private StallDump(String test, Duration after, Supplier<List<Long>> childPids) {
        Thread.ofPlatform().daemon(true).name("stall-dump " + test).start(() -> {
            try {
                if (done.await(after.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                dump(test, childPids.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println("stall-dump failed: " + e);
            }
        });
    }

    static StallDump arm(String test, Duration after, Supplier<List<Long>> childPids) {
        return new StallDump(test, after, childPids);
    }

    private static void dump(String test, List<Long> childPids) throws IOException, InterruptedException {
        Path dir = Path.of("target", "stall-dumps");
        Files.createDirectories(dir);
        String stamp = test + "-" + System.currentTimeMillis();
        Path self = dir.resolve(stamp + "-self.json").toAbsolutePath();
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                .dumpThreads(self.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
        System.err.println("STALL: " + test + " still running; threads of this JVM in " + self);
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        for (long pid : childPids) {
            Path out = dir.resolve(stamp + "-child-" + pid + ".txt").toAbsolutePath();
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "Thread.dump_to_file",
                    "-format=json", out.toString()).redirectErrorStream(true).start();
            p.getInputStream().transferTo(System.err);
            p.waitFor(30, TimeUnit.SECONDS);
            System.err.println("STALL: threads of child " + pid + " in " + out);
        }
    }

    @Override
    public void close() {
        done.countDown();
    }
}
