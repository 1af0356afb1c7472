package org.loomcsp.bench.scale;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.loomcsp.bench.report.Environment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Scale harness (not JMH): how many processes can sit parked on channels, what each costs in
 * heap, how long they take to start and to wind down (poison), beside raw virtual threads parked
 * the same way. Each (mode, N) runs in a fresh child JVM with the same java binary and class path
 * and {@code -Xmx} (default 2g), so one failure (e.g. no more native threads) cannot spoil the
 * others; the platform backend goes up its list until the first failure, which is reported.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Park N processes on channels, measure heap per process, start and wind-down time.")
public final class ScaleMain implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", defaultValue = "10000,100000,1000000",
            description = "N for the virtual modes (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--platform-sizes", split = ",", defaultValue = "1000,10000,20000",
            description = "N for the platform backend, in order; stops at the first failure (default: ${DEFAULT-VALUE})."
                    + " Each platform thread takes a PID: kernel.pid_max bounds it machine-wide.")
    List<Integer> platformSizes;

    @Option(names = "--modes", split = ",", defaultValue = "raw-park,raw-sq,loomcsp-virtual",
            description = "Virtual-thread modes (default: ${DEFAULT-VALUE}).")
    List<String> modes;

    @Option(names = "--repeat", defaultValue = "5",
            description = "Child JVMs per virtual-thread (mode, N); the table shows medians (default: ${DEFAULT-VALUE})."
                    + " Stack chunk sizes vary from JVM to JVM with the JIT's choices, so one run can mislead.")
    int repeat;

    @Option(names = "--xmx", defaultValue = "2g", description = "Child JVM heap (default: ${DEFAULT-VALUE}).")
    String xmx;

    @Option(names = "--timeout", defaultValue = "300", description = "Seconds per child JVM (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--out", description = "Markdown result file (default: target/scale/scale-<timestamp>.md).")
    Path out;

    @Option(names = "--child", hidden = true)
    boolean child;

    @Option(names = "--mode", hidden = true)
    String mode;

    @Option(names = "--n", hidden = true)
    int n;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScaleMain()).execute(args));
    }

    record Row(String mode, int n, Map<String, String> values, String failure) {
        double num(String key) {
            return Double.parseDouble(values.getOrDefault(key, "NaN"));
        }
    }

    @Override
    public Integer call() throws Exception {
        if (child) {
            // The driver is a virtual thread, as a CSP program's own processes would be: its starts go
            // to the scheduler's local queue and its joins park cheaply (a platform driver's joins
            // cost an OS park each, which dominated the wind-down time at N = 1,000,000).
            Parked.Measurement[] m = new Parked.Measurement[1];
            try {
                // loomcsp-virtual: the driver is itself a process, on loomcsp's scheduler with
                // the processes it starts (a raw virtual driver would run on the JDK's)
                if (mode.equals("loomcsp-virtual")) {
                    org.loomcsp.bench.support.Driver.inProcess(() -> m[0] = Parked.measure(mode, n));
                } else {
                    org.loomcsp.bench.support.Driver.inVirtualThread(() -> m[0] = Parked.measure(mode, n));
                }
            } catch (Throwable t) {
                // E.g. "unable to create native thread" at the platform backend's limit. The
                // processes already started are still parked and keep this JVM alive (as they
                // would any CSP program): report and leave now, so the parent does not wait for
                // its timeout.
                System.out.println("FAILED " + t);
                System.out.flush();
                Runtime.getRuntime().halt(1);
            }
            System.out.println(m[0].line());
            return 0;
        }
        PrintWriter pw = spec.commandLine().getOut();
        Environment env = Environment.here("scale", List.of());
        pw.printf("# scale harness: JDK %s, %d cores, child heap -Xmx%s; %s%n", env.jdk(), env.cores(), xmx, threadLimits());
        pw.flush();
        List<Row> rows = new ArrayList<>();
        for (int size : sizes) {
            for (int r = 0; r < Math.max(1, repeat); r++) {
                for (String m : modes) { // interleaved, so a slow phase of the machine hits every mode
                    rows.add(runChild(m, size, pw));
                }
            }
        }
        for (int size : platformSizes) {
            Row r = runChild("loomcsp-platform", size, pw);
            rows.add(r);
            if (r.failure() != null) {
                break;
            }
        }
        String md = markdown(env, rows);
        Path file = out != null ? out
                : Path.of("target", "scale", "scale-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".md");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md);
        pw.println();
        pw.println(md);
        pw.println("written: " + file.toAbsolutePath());
        pw.flush();
        return 0;
    }

    Row runChild(String m, int size, PrintWriter pw) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xms" + xmx, "-Xmx" + xmx,
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ScaleMain.class.getName(), "--child", "--mode", m, "--n", Integer.toString(size));
        pw.printf("%-18s N=%,d ... ", m, size);
        pw.flush();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try (BufferedReader br = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = br.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(l);
                    }
                }
            } catch (Exception e) {
                // child died
            }
        });
        boolean ended = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        reader.join(5000);
        Row row;
        synchronized (lines) {
            row = parse(m, size, lines, ended ? p.exitValue() : -1, ended);
        }
        pw.println(row.failure() == null ? row.values() : "FAILED: " + row.failure());
        pw.flush();
        return row;
    }

    static Row parse(String m, int size, List<String> lines, int exit, boolean ended) {
        for (String l : lines) {
            if (l.startsWith("RESULT ")) {
                Map<String, String> v = new LinkedHashMap<>();
                for (String kv : l.substring(7).split(" ")) {
                    int eq = kv.indexOf('=');
                    v.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
                return new Row(m, size, v, null);
            }
        }
        String why = !ended ? "timed out" : "exit " + exit;
        for (String l : lines) {
            if (l.contains("Error") || l.contains("Exception")) {
                why += ": " + l.trim();
                break;
            }
        }
        return new Row(m, size, Map.of(), why);
    }

    /** The runs of one (mode, N), in the order they ran. */
    record Group(String mode, int n, List<Row> runs) {
        String failure() {
            return runs.stream().map(Row::failure).filter(f -> f != null).findFirst().orElse(null);
        }

        double median(String key) {
            return ScaleMain.median(runs.stream().filter(r -> r.failure() == null).mapToDouble(r -> r.num(key)).toArray());
        }

        String range(String key) {
            var stats = runs.stream().filter(r -> r.failure() == null).mapToDouble(r -> r.num(key)).summaryStatistics();
            return stats.getCount() < 2 ? "" : fmt(stats.getMin()) + " - " + fmt(stats.getMax());
        }
    }

    static List<Group> groups(List<Row> rows) {
        Map<String, Group> byKey = new LinkedHashMap<>();
        for (Row r : rows) {
            byKey.computeIfAbsent(r.mode() + "/" + r.n(), k -> new Group(r.mode(), r.n(), new ArrayList<>())).runs().add(r);
        }
        return new ArrayList<>(byKey.values());
    }

    static String markdown(Environment env, List<Row> rows) {
        StringBuilder md = new StringBuilder();
        md.append("## Scale: processes parked on channels\n\n");
        md.append(String.format(Locale.ROOT, "%s; JDK %s; %d cores; CPU %s; each run a fresh JVM with -Xmx as given;"
                + " default scheduler parallelism (%d); driver is a virtual thread; %s; load average %s.%n%n",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), env.jdk(), env.cores(), env.cpu(),
                env.defaultParallelism(), threadLimits(), Environment.loadAverage()));
        md.append("| mode | N | runs | start all (ms) | wind down (ms) | heap bytes / parked process | (range) | of which stack chunks"
                + " | other objects | ratio to raw-sq | ratio to raw-park | heap used (MiB) | RSS (MiB) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<Group> groups = groups(rows);
        Map<String, Group> byKey = new HashMap<>();
        groups.forEach(g -> byKey.put(g.mode() + "/" + g.n(), g));
        for (Group g : groups) {
            String n = String.format(Locale.ROOT, "%,d", g.n());
            if (g.failure() != null) {
                md.append("| ").append(g.mode()).append(" | ").append(n).append(" | ").append(g.runs().size())
                        .append(" | FAILED: ").append(g.failure().replace("|", "/")).append(" | | | | | | | | | |\n");
                continue;
            }
            double bytes = g.median("bytesPerProcess");
            double stack = g.median("stackBytesPerProcess");
            md.append("| ").append(g.mode()).append(" | ").append(n).append(" | ").append(g.runs().size()).append(" | ")
                    .append(fmt(g.median("startMs"))).append(" | ").append(fmt(g.median("windDownMs"))).append(" | ")
                    .append(fmt(bytes)).append(" | ").append(g.range("bytesPerProcess")).append(" | ")
                    .append(fmt(stack)).append(" | ").append(fmt(medianOfDifferences(g))).append(" | ")
                    .append(ratio(g, byKey.get("raw-sq/" + g.n()))).append(" | ")
                    .append(ratio(g, byKey.get("raw-park/" + g.n()))).append(" | ")
                    .append(whole(g.median("heapUsedMb"))).append(" | ").append(whole(g.median("rssMb"))).append(" |\n");
        }
        md.append("\nHeap bytes per parked process = (used heap with all N parked - used heap before) / N, after full GCs;")
                .append(" it includes the process object, its thread, its parked stack and its channel (raw-park: the bare thread;")
                .append(" raw-sq: thread + its SynchronousQueue). Medians over the runs; ratios are of medians at the same N.")
                .append(" \"Of which stack chunks\": the virtual threads' saved stacks (class histogram of jdk.internal.vm.StackChunk),")
                .append(" whose size follows the JIT's inlining choices and so varies between JVMs; \"other objects\" is the rest,")
                .append(" which does not vary. Platform threads' stacks are native memory, outside the heap: see RSS.\n");
        return md.toString();
    }

    /** The median over runs of (bytes - stack bytes): the part of a process that is not its saved stack. */
    static double medianOfDifferences(Group g) {
        return median(g.runs().stream().filter(r -> r.failure() == null)
                .mapToDouble(r -> r.num("bytesPerProcess") - r.num("stackBytesPerProcess")).filter(d -> !Double.isNaN(d))
                .toArray());
    }

    /** The median of {@code v} (NaN if empty). */
    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static String ratio(Group g, Group base) {
        // Platform threads keep their stacks outside the heap: a heap ratio to a virtual thread means nothing.
        if (base == null || base.failure() != null || g.mode().endsWith("platform")) {
            return "-";
        }
        return fmt(g.median("bytesPerProcess") / base.median("bytesPerProcess"));
    }

    /** The OS limits that bound platform threads (Linux), for the report. */
    static String threadLimits() {
        StringBuilder sb = new StringBuilder();
        for (String f : new String[] {"/proc/sys/kernel/pid_max", "/proc/sys/kernel/threads-max"}) {
            try {
                sb.append(sb.isEmpty() ? "" : ", ").append(Path.of(f).getFileName()).append('=')
                        .append(Files.readAllLines(Path.of(f)).get(0).trim());
            } catch (Exception e) {
                // not Linux
            }
        }
        return sb.isEmpty() ? "OS thread limits unknown" : "OS limits " + sb;
    }

    static String whole(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
