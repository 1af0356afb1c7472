package org.loomcsp.bench.net;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.Csp;
import org.loomcsp.net.Codec;
import org.loomcsp.net.CspNode;
import org.loomcsp.net.NetChannelOutput;
import org.loomcsp.net.internal.Wire;
import org.loomcsp.net.proto.EndFrame;
import org.loomcsp.net.proto.HomeFrame;
import org.loomcsp.net.proto.Send;
import org.loomcsp.net.proto.Taken;

/**
 * Network channels over loopback TCP, in one run: csp-net against a bare gRPC bidi stream carrying
 * the same messages with the same discipline (send one, wait for its acknowledgement), and
 * against JCSP.net (JCSP 1.1-rc5, {@code org.jcsp.net}, standard acknowledged channels; its
 * reader runs in a child JVM, since a JCSP.net node is one per JVM). csp-net runs twice: with an
 * unbuffered hosted channel (rendezvous: the acknowledgement means a reader took the value, which
 * bare gRPC's does not), and with a hosted {@code Channel.buffered(64)} (the acknowledgement means
 * the home accepted the value, as bare gRPC's does). Bare gRPC runs twice too: answering on its
 * network thread (nothing consumes the message), and answering once a consumer thread took it
 * (the same hand-off as csp-net's rendezvous, written by hand).
 *
 * <ul>
 *   <li><b>round trip</b>: one writer, sequential acknowledged writes of 16-byte values; the time
 *       per write (a request and its acknowledgement);
 *   <li><b>stream</b>: {@code W} writers, each with its own end (stream), one reader at the home;
 *       messages per second in total.
 * </ul>
 * Each figure is the median of {@code R} repetitions after a warm-up.
 *
 * <pre>mvn -B -pl csp-bench -am -Pnetbench -DskipTests verify [-Dargs="n writers reps"]</pre>
 */
public final class NetBench {
    static final byte[] PAYLOAD = new byte[16];
    /** Capacity of the buffered hosted channel (the same acknowledgement as bare gRPC's: "received"). */
    static final int BUFFER = 64;

    private NetBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jcsp-reader")) {
            JcspNet.reader();
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int writers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        boolean withJcsp = args.length <= 3 || !args[3].equals("nojcsp"); // "nojcsp": csp-net and bare gRPC only
        System.out.printf("# csp-net benchmark: %d messages of %d bytes, stream with %d writers, median of %d; JDK %s, %d cores,"
                        + " loomcsp processes on the %s scheduler, load average %.2f%n",
                n, PAYLOAD.length, writers, reps, Runtime.version(), Runtime.getRuntime().availableProcessors(),
                Csp.scheduler(), loadAverage());
        double[] csp;
        double[] grpc;
        double[] buffered;
        double[] consumed;
        double[] jcsp;
        List<Transport> ts = new ArrayList<>();
        try {
            ts.add(cspNet(writers, 0));
            ts.add(bareGrpc(writers, false));
            ts.add(cspNet(writers, BUFFER));
            ts.add(bareGrpc(writers, true));
            if (withJcsp) {
                ts.add(JcspNet.start(writers));
            }
            double[][] r = measure(ts, n, writers, reps);
            csp = r[0];
            grpc = r[1];
            buffered = r[2];
            consumed = r[3];
            jcsp = withJcsp ? r[4] : new double[] {Double.NaN, Double.NaN};
        } finally {
            for (Transport t : ts) {
                t.close();
            }
        }
        System.out.println();
        System.out.println("| transport (loopback TCP) | round trip (us/write) | stream (msgs/s) |");
        System.out.println("|---|---:|---:|");
        row("loomcsp csp-net", csp);
        row("bare gRPC bidi, ack per message", grpc);
        row("loomcsp csp-net, hosted Channel.buffered(" + BUFFER + ")", buffered);
        row("bare gRPC bidi, ack once a consumer thread took the message", consumed);
        row("JCSP.net 1.1-rc5", jcsp);
        System.out.printf("%ncsp-net / bare gRPC: round trip %.2fx, stream throughput %.2fx (cost %.2fx)%n",
                csp[0] / grpc[0], csp[1] / grpc[1], grpc[1] / csp[1]);
        System.out.printf("csp-net buffered(%d) / bare gRPC: round trip %.2fx, stream throughput %.2fx (cost %.2fx)%n",
                BUFFER, buffered[0] / grpc[0], buffered[1] / grpc[1], grpc[1] / buffered[1]);
        System.out.printf("csp-net / bare gRPC with a consumer thread: round trip %.2fx, stream throughput %.2fx (cost %.2fx)%n",
                csp[0] / consumed[0], csp[1] / consumed[1], consumed[1] / csp[1]);
        System.out.printf("csp-net / JCSP.net: round trip %.2fx, stream throughput %.2fx%n", csp[0] / jcsp[0], csp[1] / jcsp[1]);
        System.out.printf("# load average at the end %.2f%n", loadAverage());
        System.exit(0); // JCSP.net's node threads are not daemons
    }

    /** CPU time of this JVM so far (all threads); a child JVM's (JCSP.net's reader) is not in it. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void row(String name, double[] r) {
        System.out.printf("| %s | %.1f | %,.0f |%n", name, r[0], r[1]);
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    interface Writer {
        void write(int writer) throws Exception;
    }

    /** Runs {@code n} writes spread over {@code writers} threads; returns the seconds taken. */
    static double timed(int n, int writers, Writer w) throws Exception {
        List<Thread> ts = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int k = 0; k < writers; k++) {
            int id = k;
            int count = n / writers;
            ts.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        w.write(id);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        for (Thread t : ts) {
            t.join();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** One transport under test: its writer, and how to take it down. */
    interface Transport extends AutoCloseable {
        String name();

        Writer writer();

        @Override
        void close() throws Exception;
    }

    static Transport transport(String name, Writer w, AutoCloseable down) {
        return new Transport() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Writer writer() {
                return w;
            }

            @Override
            public void close() throws Exception {
                down.close();
            }
        };
    }

    /**
     * Warms every transport up, then runs the repetitions interleaved (repetition r of every
     * transport before repetition r + 1 of any), so that a change in the machine's load during
     * the run falls on all of them alike and their ratios stay comparable. Returns, per
     * transport, the median round trip (us) and the median stream throughput (msgs/s).
     */
    static double[][] measure(List<Transport> ts, int n, int writers, int reps) throws Exception {
        for (int round = 0; round < 3; round++) { // warm-up: with one round, csp-net's CPU time per message still fell 3x over the repetitions
            for (Transport t : ts) {
                timed(Math.max(2000, n / 2), 1, t.writer());
                timed(Math.max(4000, 2 * n), writers, t.writer());
            }
        }
        double[][] rt = new double[ts.size()][reps];
        double[][] st = new double[ts.size()][reps];
        double[][] cpu = new double[ts.size()][reps];
        for (int r = 0; r < reps; r++) {
            for (int k = 0; k < ts.size(); k++) {
                Writer w = ts.get(k).writer();
                rt[k][r] = timed(n / 4, 1, w) / (n / 4) * 1e6;
                long c0 = cpuNanos();
                st[k][r] = n / timed(n, writers, w);
                cpu[k][r] = (cpuNanos() - c0) / 1e3 / n;
            }
        }
        for (int k = 0; k < ts.size(); k++) {
            System.out.printf("%s: stream, CPU time of this JVM per message %s us (median %.1f)%n", ts.get(k).name(),
                    Arrays.toString(round(cpu[k])), median(cpu[k]));
        }
        double[][] out = new double[ts.size()][];
        for (int k = 0; k < ts.size(); k++) {
            System.out.printf("%s: round trip %s us, stream %s msgs/s%n", ts.get(k).name(),
                    Arrays.toString(round(rt[k])), Arrays.toString(round(st[k])));
            out[k] = new double[] {median(rt[k]), median(st[k])};
        }
        for (int k = 1; k < ts.size(); k++) { // paired: repetition r of each against r of the first
            paired(ts, rt, st, 0, k);
        }
        if (ts.size() > 3) { // and the buffered hosted channel and the consumer variant against bare gRPC (the second)
            paired(ts, rt, st, 2, 1);
            paired(ts, rt, st, 3, 1);
        }
        return out;
    }

    /** Prints {@code a}'s stream cost and round trip against {@code b}'s, repetition by repetition. */
    private static void paired(List<Transport> ts, double[][] rt, double[][] st, int a, int b) {
        int reps = st[a].length;
        double[] cost = new double[reps];
        double[] rtr = new double[reps];
        for (int r = 0; r < reps; r++) {
            cost[r] = st[b][r] / st[a][r];
            rtr[r] = rt[a][r] / rt[b][r];
        }
        System.out.printf("%s / %s, paired by repetition: stream cost %s (median %.2fx), round trip %s (median %.2fx)%n",
                ts.get(a).name(), ts.get(b).name(), Arrays.toString(round2(cost)), median(cost),
                Arrays.toString(round2(rtr)), median(rtr));
    }

    private static String[] round2(double[] xs) {
        return Arrays.stream(xs).mapToObj(x -> String.format("%.2f", x)).toArray(String[]::new);
    }

    private static long[] round(double[] xs) {
        return Arrays.stream(xs).mapToLong(Math::round).toArray();
    }

    /**
     * csp-net: {@code writers} remote ends of a channel hosted at another node (over loopback TCP),
     * one reader process at the home. {@code capacity} 0 hosts an unbuffered channel (rendezvous:
     * a write returns when the reader took the value); more hosts {@code Channel.buffered}, whose
     * writes return when the value is in the home's buffer, as a local write would.
     */
    static Transport cspNet(int writers, int capacity) throws Exception {
        CspNode home = CspNode.builder().name("home").build().start();
        CspNode remote = CspNode.builder().name("remote").build().start();
        Channel<byte[]> ch = capacity == 0 ? home.host("bench", Codec.bytes())
                : home.host("bench", Channel.buffered("bench", capacity), Codec.bytes());
        new CSPProcess(() -> {
            while (true) {
                ch.read();
            }
        }, ch).start();
        List<NetChannelOutput<byte[]>> outs = new ArrayList<>();
        for (int k = 0; k < writers; k++) {
            outs.add(remote.output(URI.create(home.uri() + "/bench"), Codec.bytes()));
        }
        return transport(capacity == 0 ? "csp-net" : "csp-net buffered(" + capacity + ")", id -> outs.get(id).write(PAYLOAD), () -> {
            ch.poison();
            remote.close();
            home.close();
        });
    }

    /**
     * A bare gRPC bidi stream per writer: Send(seq, payload) answered by Taken(seq). Without a
     * {@code consumer}, the server answers on its network thread as the message arrives (no
     * one consumes it); with one, the network thread queues each message for one consumer thread
     * (a virtual thread on the JDK's scheduler, as a gRPC program hands work on), which takes it
     * and only then answers: the hand-off a csp-net home makes to its reader process, written by
     * hand.
     */
    static Transport bareGrpc(int writers, boolean consumer) throws Exception {
        record Arrived(StreamObserver<HomeFrame> out, long seq) {}
        LinkedBlockingQueue<Arrived> arrivals = new LinkedBlockingQueue<>();
        Thread consumerThread = !consumer ? null : Thread.ofVirtual().name("bench-consumer").start(() -> {
            try {
                while (true) {
                    Arrived a = arrivals.take();
                    a.out().onNext(HomeFrame.newBuilder().setTaken(Taken.newBuilder().setSeq(a.seq())).build());
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
                        InsecureServerCredentials.create()).directExecutor()
                .addService(Wire.service(out -> new StreamObserver<>() {
                    @Override
                    public void onNext(EndFrame f) {
                        if (consumer) {
                            arrivals.add(new Arrived(out, f.getSend().getSeq()));
                        } else {
                            out.onNext(HomeFrame.newBuilder().setTaken(Taken.newBuilder().setSeq(f.getSend().getSeq())).build());
                        }
                    }

                    @Override
                    public void onError(Throwable t) { }

                    @Override
                    public void onCompleted() {
                        out.onCompleted();
                    }
                })).build().start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort(),
                InsecureChannelCredentials.create()).directExecutor().build();
        {
            List<StreamObserver<EndFrame>> streams = new ArrayList<>();
            List<LinkedBlockingQueue<HomeFrame>> acks = new ArrayList<>();
            long[] seqs = new long[writers];
            for (int k = 0; k < writers; k++) {
                LinkedBlockingQueue<HomeFrame> q = new LinkedBlockingQueue<>();
                acks.add(q);
                streams.add(ClientCalls.asyncBidiStreamingCall(channel.newCall(Wire.CONNECT, CallOptions.DEFAULT),
                        new StreamObserver<HomeFrame>() {
                            @Override
                            public void onNext(HomeFrame value) {
                                q.add(value);
                            }

                            @Override
                            public void onError(Throwable t) { }

                            @Override
                            public void onCompleted() { }
                        }));
            }
            ByteString payload = ByteString.copyFrom(PAYLOAD);
            return transport(consumer ? "bare gRPC + consumer" : "bare gRPC", id -> {
                long s = ++seqs[id];
                streams.get(id).onNext(EndFrame.newBuilder().setSend(Send.newBuilder().setSeq(s).setPayload(payload)).build());
                HomeFrame ack = acks.get(id).take();
                if (ack.getTaken().getSeq() != s) {
                    throw new IllegalStateException("ack out of order");
                }
            }, () -> {
                channel.shutdownNow();
                server.shutdownNow();
                if (consumerThread != null) {
                    consumerThread.interrupt();
                }
            });
        }
    }

    /** JCSP.net: the reader is a child JVM (one JCSP.net node per JVM). */
    static final class JcspNet {
        private JcspNet() {}

        static void reader() throws Exception {
            org.jcsp.net.Node.getInstance().init(new org.jcsp.net.tcpip.TCPIPAddressID("127.0.0.1", 0, true));
            org.jcsp.net.NetAltingChannelInput in = org.jcsp.net.NetChannelEnd.createNet2One();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream o = new ObjectOutputStream(bytes)) {
                o.writeObject(in.getChannelLocation());
            }
            System.out.println("LOCATION " + Base64.getEncoder().encodeToString(bytes.toByteArray()));
            System.out.flush();
            while (true) {
                in.read();
            }
        }

        static Transport start(int writers) throws Exception {
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    NetBench.class.getName(), "jcsp-reader").redirectError(ProcessBuilder.Redirect.INHERIT).start();
            boolean started = false;
            try {
                BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = r.readLine()) != null && !line.startsWith("LOCATION ")) {
                    System.out.println("[jcsp-reader] " + line);
                }
                if (line == null) {
                    throw new IllegalStateException("the JCSP.net reader JVM ended without a location");
                }
                org.jcsp.net.NetChannelLocation loc;
                try (ObjectInputStream o = new ObjectInputStream(new ByteArrayInputStream(
                        Base64.getDecoder().decode(line.substring("LOCATION ".length()))))) {
                    loc = (org.jcsp.net.NetChannelLocation) o.readObject();
                }
                org.jcsp.net.Node.getInstance().init(new org.jcsp.net.tcpip.TCPIPAddressID("127.0.0.1", 0, true));
                List<org.jcsp.net.NetChannelOutput> outs = new ArrayList<>();
                for (int k = 0; k < writers; k++) {
                    outs.add(org.jcsp.net.NetChannelEnd.createOne2Net(loc));
                }
                started = true;
                return transport("JCSP.net", id -> outs.get(id).write(PAYLOAD), () -> {
                    child.destroyForcibly();
                    child.waitFor(10, TimeUnit.SECONDS);
                });
            } finally {
                if (!started) {
                    child.destroyForcibly();
                    child.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }
}
