package org.loomcsp.bench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Turns a JMH JSON result file (plus the suite's environment file) into {@code report.md} and
 * one PNG chart per benchmark.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Markdown report + JFreeChart PNGs from JMH JSON results.")
public final class ReportMain implements Callable<Integer> {
    @Option(names = "--json", required = true, description = "JMH results (-rf json).")
    Path json;

    @Option(names = "--env", description = "environment.json written by the suite (default: beside --json).")
    Path env;

    @Option(names = "--out", description = "Output directory (default: the directory of --json).")
    Path out;

    @Option(names = "--no-charts", description = "Markdown only.")
    boolean noCharts;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReportMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out : json.toAbsolutePath().getParent();
        Path envFile = env != null ? env : json.toAbsolutePath().getParent().resolve("environment.json");
        Environment e = Files.exists(envFile)
                ? Environment.read(envFile)
                : Environment.here("unknown (no environment.json; machine facts are from the report generator's JVM)", List.of());
        Path md = generate(JmhJson.read(json), e, dir, !noCharts);
        System.out.println("report: " + md.toAbsolutePath());
        return 0;
    }

    /** Writes report.md (and charts) into {@code dir}; returns the Markdown file. */
    public static Path generate(List<Result> results, Environment env, Path dir, boolean charts) throws Exception {
        Files.createDirectories(dir);
        Map<String, String> pngs = charts ? Charts.write(results, dir) : Map.of();
        Path md = dir.resolve("report.md");
        Files.writeString(md, Markdown.render(results, env, pngs));
        return md;
    }
}
