package org.loomcsp.net.examples;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelPoison;
import org.loomcsp.net.Codec;
import org.loomcsp.net.CspNode;
import org.loomcsp.net.NetChannelOutput;

/**
 * The Pi worker farm over three JVMs: this one is the farmer (home of the {@code jobs} and
 * {@code results} channels) and starts two worker JVMs, which connect over loopback TCP. Each
 * job is a slice of the integral of 4/(1+x^2) over [0,1]; when every result is in, the farmer
 * poisons the channels and the poison ends the workers in their own JVMs.
 *
 * <pre>mvn -B -q -pl csp-net -am test-compile -Pnet-example [-Dargs="slices workers"]</pre>
 *
 * A worker can also be started by hand, on another machine (with a farmer bound to a reachable
 * address): {@code java -cp ... org.loomcsp.net.examples.DistributedPi worker csp://host:port}.
 */
public final class DistributedPi {
    record Job(int index, int slices) implements Serializable {}

    record Result(int index, double value, String worker) implements Serializable {}

    static final Codec<Job> JOBS = Codec.java(Job.class);
    static final Codec<Result> RESULTS = Codec.java(Result.class);

    private DistributedPi() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("worker")) {
            worker(URI.create(args[1]), args.length > 2 ? args[2] : "worker");
            return;
        }
        int slices = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        farmer(slices, workers);
    }

    static void farmer(int slices, int workers) throws IOException, InterruptedException {
        try (CspNode farmer = CspNode.builder().name("farmer").build().start()) {
            Channel<Job> jobs = farmer.host("jobs", JOBS);
            Channel<Result> results = farmer.host("results", RESULTS);
            System.out.println("farmer at " + farmer.uri() + "; starting " + workers + " worker JVMs");
            List<Process> children = new ArrayList<>();
            String java = ProcessHandle.current().info().command().orElseThrow();
            for (int w = 1; w <= workers; w++) {
                children.add(new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                        "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                        DistributedPi.class.getName(), "worker", farmer.uri().toString(), "worker-" + w)
                        .inheritIO().start());
            }
            new CSPProcess(() -> {
                for (int i = 0; i < slices; i++) {
                    jobs.write(new Job(i, slices));
                }
            }, jobs).start();
            double pi = 0;
            Map<String, Integer> perWorker = new TreeMap<>();
            for (int i = 0; i < slices; i++) {
                Result r = results.read();
                pi += r.value();
                perWorker.merge(r.worker(), 1, Integer::sum);
            }
            jobs.poison();
            results.poison();
            for (Process p : children) {
                p.waitFor();
            }
            System.out.printf("pi ~ %.12f (error %.1e) from %d slices; done by %s%n", pi,
                    Math.abs(pi - Math.PI), slices, perWorker);
        }
    }

    static void worker(URI farmer, String name) {
        try (CspNode node = CspNode.builder().name(name).build().start()) {
            ChannelInput<Job> jobs = node.input(URI.create(farmer + "/jobs"), JOBS);
            NetChannelOutput<Result> results = node.output(URI.create(farmer + "/results"), RESULTS);
            int done = 0;
            try {
                while (true) {
                    Job j = jobs.read();
                    results.write(new Result(j.index(), slice(j), name));
                    done++;
                }
            } catch (ChannelPoison | InterruptedException end) {
                results.poison();
                System.out.println(name + ": poisoned after " + done + " jobs, ending");
            }
        }
    }

    static double slice(Job j) {
        int steps = 10_000;
        double width = 1.0 / j.slices();
        double h = width / steps;
        double sum = 0;
        for (int i = 0; i < steps; i++) {
            double x = j.index() * width + (i + 0.5) * h;
            sum += 4 / (1 + x * x);
        }
        return sum * h;
    }
}
