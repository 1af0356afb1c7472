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
            org.loomcsp.bench.support.Driver.inVirtualThread(() -> m[0] = Parked.measure(mode, n));
            System.out.println(m[0].line());
            return 0;
        }
        PrintWriter pw = spec.commandLine().getOut();
        Environment env = Environment.here("scale", List.of());
        pw.printf("# scale harness: JDK %s, %d cores, child heap -Xmx%s; %s%n", env.jdk(), env.cores(), xmx, threadLimits());
        pw.flush();
        List<Row> rows = new ArrayList<>();
        for (int size : sizes) {
            for (String m : modes) {
                rows.add(runChild(m, size, pw));
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
        List<String> cmd = List.of(java, "-Xms" + xmx, "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"),
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

    static String markdown(Environment env, List<Row> rows) {
        StringBuilder md = new StringBuilder();
        md.append("## Scale: processes parked on channels\n\n");
        md.append(String.format(Locale.ROOT, "%s; JDK %s; %d cores; CPU %s; each row a fresh JVM with -Xmx as given;"
                + " default scheduler parallelism (%d); driver is a virtual thread; %s; load average %s.%n%n",
                ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), env.jdk(), env.cores(), env.cpu(),
                env.defaultParallelism(), threadLimits(), Environment.loadAverage()));
        md.append("| mode | N | start all (ms) | wind down (ms) | heap bytes / parked process | ratio to raw-park | ratio to raw-sq | heap used (MiB) | RSS (MiB) |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, Row> byKey = new HashMap<>();
        rows.forEach(r -> byKey.put(r.mode() + "/" + r.n(), r));
        for (Row r : rows) {
            if (r.failure() != null) {
                md.append("| ").append(r.mode()).append(" | ").append(String.format(Locale.ROOT, "%,d", r.n()))
                        .append(" | FAILED: ").append(r.failure().replace("|", "/")).append(" | | | | | | |\n");
                continue;
            }
            md.append("| ").append(r.mode()).append(" | ").append(String.format(Locale.ROOT, "%,d", r.n())).append(" | ")
                    .append(fmt(r.num("startMs"))).append(" | ").append(fmt(r.num("windDownMs"))).append(" | ")
                    .append(fmt(r.num("bytesPerProcess"))).append(" | ")
                    .append(ratio(r, byKey.get("raw-park/" + r.n()))).append(" | ")
                    .append(ratio(r, byKey.get("raw-sq/" + r.n()))).append(" | ")
                    .append(r.values().get("heapUsedMb")).append(" | ").append(r.values().get("rssMb")).append(" |\n");
        }
        md.append("\nHeap bytes per parked process = (used heap with all N parked - used heap before) / N, after full GCs;")
                .append(" it includes the process object, its thread, its parked stack and its channel (raw-park: the bare thread;")
                .append(" raw-sq: thread + its SynchronousQueue). Platform threads' stacks are native memory, outside the heap: see RSS.\n");
        return md.toString();
    }

    static String ratio(Row r, Row base) {
        if (base == null || base.failure() != null) {
            return "-";
        }
        return fmt(r.num("bytesPerProcess") / base.num("bytesPerProcess"));
    }

    /** The OS limits that bound platform threads (Linux), for the report. */
    static String threadLimits() {
        StringBuilder sb = new StringBuilder();
        for (String f : new String[] {"/proc/sys/kernel/pid_max", "/proc/sys/kernel/threads-max"}) {
            try {
                sb.append(sb.isEmpty() ? "" : ", ").append(Path.of(f).getFileName()).append('=')
                        .append(Files.readString(Path.of(f)).trim());
            } catch (Exception e) {
                // not Linux
            }
        }
        return sb.isEmpty() ? "OS thread limits unknown" : "OS limits " + sb;
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
