package org.loomcsp.net.multijvm;

import java.io.IOException;
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

    private StallDump(String test, Duration after, Supplier<List<Long>> childPids, Supplier<String> state) {
        Thread.ofPlatform().daemon(true).name("stall-dump " + test).start(() -> {
            try {
                if (done.await(after.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                System.err.println("STALL: " + test + ": " + state.get());
                dump(test, childPids.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println("stall-dump failed: " + e);
            }
        });
    }

    static StallDump arm(String test, Duration after, Supplier<List<Long>> childPids, Supplier<String> state) {
        return new StallDump(test, after, childPids, state);
    }

    private static void dump(String test, List<Long> childPids) throws IOException, InterruptedException {
        Path dir = Path.of("target", "stall-dumps");
        Files.createDirectories(dir);
        String stamp = test + "-" + System.currentTimeMillis();
        System.err.println("STALL: " + test + " still running; dumping the threads of this JVM ("
                + ProcessHandle.current().pid() + ") and of its children " + childPids);
        Path jcmd = Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd");
        List<Long> pids = new java.util.ArrayList<>(childPids);
        pids.add(0, ProcessHandle.current().pid());
        for (long pid : pids) {
            Path out = dir.resolve(stamp + "-" + pid + ".json").toAbsolutePath();
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "Thread.dump_to_file",
                    "-format=json", out.toString()).redirectErrorStream(true).start();
            p.getInputStream().transferTo(System.err);
            p.waitFor(30, TimeUnit.SECONDS);
            System.err.println("STALL: threads of " + pid + " in " + out);
        }
    }

    @Override
    public void close() {
        done.countDown();
    }
}
