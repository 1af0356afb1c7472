package org.loomcsp.bench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Where and when a run was measured; written next to the JMH JSON by the suite so a report
 * regenerated later still names the right machine.
 *
 * @param date            ISO date-time the run started
 * @param jdk             {@code java.vm.vendor java.runtime.version}
 * @param os              os.name os.version os.arch
 * @param cpu             CPU model from /proc/cpuinfo, or "unknown"
 * @param cores           {@code Runtime.availableProcessors()} of the JVM that ran the suite
 * @param defaultParallelism what "default" carriers means on this machine
 * @param mode            quick or full
 * @param loadBefore      /proc/loadavg before the run ("" if unknown)
 * @param loadAfter       /proc/loadavg after the run ("" if unknown)
 * @param notes           free text (e.g. "other builds were running")
 */
public record Environment(String date, String jdk, String os, String cpu, int cores, int defaultParallelism,
        String mode, String loadBefore, String loadAfter, List<String> notes) {

    public static Environment here(String mode, List<String> notes) {
        int cores = Runtime.getRuntime().availableProcessors();
        String p = System.getProperty("jdk.virtualThreadScheduler.parallelism");
        return new Environment(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                cpuModel(), cores, p != null ? Integer.parseInt(p) : cores, mode, loadAverage(), "", List.copyOf(notes));
    }

    public Environment withLoadAfter(String load) {
        return new Environment(date, jdk, os, cpu, cores, defaultParallelism, mode, loadBefore, load, notes);
    }

    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
    }

    public void write(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
    }

    public static Environment read(Path file) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), Environment.class);
    }
}
