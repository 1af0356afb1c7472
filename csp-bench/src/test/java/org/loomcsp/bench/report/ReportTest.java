package org.loomcsp.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    static List<Result> results;
    static final Environment ENV = new Environment("2026-01-01T00:00Z", "Vendor 25.0.3", "Linux", "AMD EPYC", 2, 2,
            "quick", "0.10 0.20 0.30 1/100 1", "0.40 0.50 0.60 1/100 2", List.of("other builds were running"));

    @BeforeAll
    static void read() throws Exception {
        try (InputStream in = ReportTest.class.getResourceAsStream("/sample-jmh.json")) {
            results = JmhJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void parsesJmhJsonRowsParamsScoresAndRawSpread() {
        // Every JMH row becomes a Result with its params, score, NaN error when JMH wrote "NaN", and min/max.
        assertThat(results).hasSize(15);
        Result r = results.get(7);
        assertThat(r.shortName()).isEqualTo("CommsTimeBenchmark.seqDelta");
        assertThat(r.scenario()).isEqualTo("CommsTime");
        assertThat(r.method()).isEqualTo("seqDelta");
        assertThat(r.params()).containsEntry("impl", "loomcsp-virtual").containsEntry("carriers", "1");
        assertThat(r.score()).isEqualTo(800.0);
        assertThat(r.error()).isEqualTo(12.5);
        assertThat(r.min()).isCloseTo(720.0, within(1e-9));
        assertThat(r.max()).isCloseTo(880.0, within(1e-9));
        assertThat(results.get(0).error()).isNaN();
        assertThat(r.jvmArgs()).containsExactly("-Xms2g", "-Xmx2g");
    }

    @Test
    void seriesIsImplOrKindOrBackendOrMethod() {
        // The series key names what is compared: impl, spawn kind, server backend, or the method itself.
        assertThat(results.get(0).series()).isEqualTo("loomcsp-virtual");
        assertThat(results.get(5).series()).isEqualTo("loomcsp-virtual");
        assertThat(results.get(6).series()).isEqualTo("loomcsp-platform");
        assertThat(results.get(4).series()).isEqualTo("bareLoop");
        assertThat(results.get(9).series()).isEqualTo("sq");
    }

    @Test
    void headlineRatiosAreComputedFromRowsOfTheSameRun() {
        // Ratios divide the two named rows; the verdict follows the target rule; missing rows say so.
        Map<String, Comparison> byLabel = new java.util.HashMap<>();
        Comparison.headline().forEach(c -> byLabel.put(c.label(), c));
        Comparison spawn = byLabel.get("spawn: loomcsp virtual / raw Thread.ofVirtual() (start+join)");
        assertThat(spawn.ratio(results)).hasValue(1.2);
        assertThat(spawn.verdict(results)).isEqualTo("met");
        Comparison platform = byLabel.get("spawn: loomcsp platform / loomcsp virtual (start+join)");
        assertThat(platform.ratio(results)).hasValue(200.0);
        assertThat(platform.verdict(results)).isEqualTo("met");
        Comparison jox = byLabel.get("commstime seq, 1 carrier: loomcsp virtual / Jox");
        assertThat(jox.ratio(results)).hasValue(0.8);
        assertThat(jox.verdict(results)).isEqualTo("met");
        Comparison jcsp = byLabel.get("commstime seq, 1 carrier: JCSP / loomcsp virtual");
        assertThat(jcsp.ratio(results)).hasValue(50.0);
        Comparison select = byLabel.get("select, 2 ready, 1 carrier: loomcsp virtual / Jox Select");
        assertThat(select.ratio(results)).hasValue(1.25);
        assertThat(select.verdict(results)).isEqualTo("MISSED");
        Comparison step = byLabel.get("step: one virtual CSPServer / bare iterator.next() loop");
        assertThat(step.ratio(results)).hasValue(1.5);
        Comparison ping = byLabel.get("ping-pong, 1 carrier: loomcsp virtual / Jox");
        assertThat(ping.ratio(results)).isEmpty();
        assertThat(ping.verdict(results)).isEqualTo("not measured");
    }

    @Test
    void markdownHasEnvironmentHeadlineAndOneTablePerBenchmarkWithRatios() {
        // The report records JDK, cores, parallelism, date, notes, and a table per benchmark with ratios to the baseline.
        String md = Markdown.render(results, ENV, Map.of("CommsTimeBenchmark.seqDelta", "CommsTimeBenchmark-seqDelta.png"));
        assertThat(md).contains("| JDK | Vendor 25.0.3 |", "| Cores (availableProcessors) | 2 |",
                "`jdk.virtualThreadScheduler.parallelism`", "2026-01-01T00:00Z", "> other builds were running",
                "## Headline comparisons", "## SpawnBenchmark.startJoin", "## StepBenchmark.serverAlone",
                "## CommsTimeBenchmark.seqDelta", "![CommsTimeBenchmark.seqDelta](CommsTimeBenchmark-seqDelta.png)");
        // Jox row at carriers=1 is 1000/800 = 1.25x loomcsp-virtual; JCSP 50x.
        assertThat(md).contains("| carriers=1 | Jox 1.0.1 (vthreads) | 1,000 | n/a | 900 – 1,100 | ns/op | 1.25 |");
        assertThat(md).contains("| carriers=1 | JCSP 1.1-rc5 (platform threads) | 40,000 | n/a");
        // Steps are compared with the bare loop, spawn with raw virtual threads.
        assertThat(md).contains("ratio to bare loop", "ratio to raw Thread.ofVirtual()");
        assertThat(md).contains("| - | loomcsp-platform | 1.60 | n/a | 1.44 – 1.76 | ns/op | 1.60 |");
        // Rows are ordered loomcsp first, then peers.
        assertThat(md.indexOf("| carriers=1 | loomcsp-virtual")).isLessThan(md.indexOf("| carriers=1 | SynchronousQueue"));
    }

    @Test
    void generateWritesMarkdownAndOnePngPerBenchmark(@TempDir Path dir) throws Exception {
        // ReportMain.generate writes report.md and a valid PNG for each benchmark (headless).
        Path md = ReportMain.generate(results, ENV, dir, true);
        assertThat(md).exists();
        List<String> pngs;
        try (var s = Files.list(dir)) {
            pngs = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
        }
        assertThat(pngs).containsExactly("CommsTimeBenchmark-seqDelta.png", "SelectBenchmark-select.png",
                "SpawnBenchmark-startJoin.png", "StepBenchmark-bareLoop.png", "StepBenchmark-serverAlone.png");
        byte[] head = Files.readAllBytes(dir.resolve(pngs.get(0)));
        assertThat(head).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(Files.readString(md)).contains("![SpawnBenchmark.startJoin](SpawnBenchmark-startJoin.png)");
    }

    @Test
    void environmentRoundTripsThroughJson(@TempDir Path dir) throws Exception {
        // environment.json written by the suite is read back unchanged by the report generator.
        Path f = dir.resolve("environment.json");
        ENV.write(f);
        assertThat(Environment.read(f)).isEqualTo(ENV);
        Environment here = Environment.here("quick", List.of());
        assertThat(here.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(here.jdk()).contains(System.getProperty("java.runtime.version"));
    }

    @Test
    void reportMainCommandLineWritesReportBesideTheJson(@TempDir Path dir) throws Exception {
        // The CLI reads JMH JSON + environment.json from one directory and writes report.md there.
        Path json = dir.resolve("results.json");
        try (InputStream in = ReportTest.class.getResourceAsStream("/sample-jmh.json")) {
            Files.copy(in, json);
        }
        ENV.write(dir.resolve("environment.json"));
        int rc = new picocli.CommandLine(new ReportMain()).execute("--json", json.toString(), "--no-charts");
        assertThat(rc).isZero();
        assertThat(Files.readString(dir.resolve("report.md"))).contains("AMD EPYC", "## SelectBenchmark.select");
    }
}
