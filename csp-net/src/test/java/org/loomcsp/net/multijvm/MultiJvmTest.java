package org.loomcsp.net.multijvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loomcsp.Alt;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelPoison;
import org.loomcsp.Guard;
import org.loomcsp.net.Codec;
import org.loomcsp.net.CspNode;
import org.loomcsp.net.NetChannelOutput;
import org.loomcsp.net.PeerLost;

/**
 * Three JVMs: this one (the farmer, home of the jobs and results channels) and two worker JVMs
 * started as child processes over loopback TCP; or this one and a child that is a channel's home.
 * Limits are generous (machines are loaded); nothing waits on a sleep.
 */
@Timeout(120)
class MultiJvmTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration END = Duration.ofSeconds(60);
    private static final int JOBS = 300;

    private final List<ChildJvm> children = new ArrayList<>();
    private CspNode farmer;
    /** What the farmer has seen, for the stall dump. */
    private volatile String progress = "farm not started";
    private StallDump stallDump;

    @BeforeEach
    void armStallDump(TestInfo info) {
        stallDump = StallDump.arm(info.getDisplayName().replaceAll("[^A-Za-z0-9]", "_"), Duration.ofSeconds(100),
                () -> children.stream().map(ChildJvm::pid).toList(), () -> progress);
    }

    @AfterEach
    void close() {
        stallDump.close();
        children.forEach(ChildJvm::close);
        if (farmer != null) {
            farmer.close();
        }
    }

    /** What the farmer saw. */
    record Outcome(Map<Integer, Integer> counts, boolean poisoned, Set<String> workers) {}

    private Channel<PiFarm.Job> jobs;
    private Channel<PiFarm.Result> results;

    /*
     * The farm makes no assumption about how fast each worker starts or works. A worker's READY
     * line says its ends exist, not that its streams have reached the farmer (ends connect
     * asynchronously): a worker JVM slowed by a loaded machine connected 1.4 s after the other,
     * which had meanwhile done 299 of 300 jobs. So the job source never runs dry (the writer
     * writes until poisoned), and each test waits for what it needs (every one of the first
     * JOBS results and both workers; or the poison; or a result from the victim before killing
     * it), instead of a fixed number of jobs that one fast worker can exhaust.
     */
    private void startFarm(int poisonAfterWorker0, int poisonAfterWorker1) throws Exception {
        farmer = CspNode.builder().name("farmer").peerTimeout(NetChild.PEER_TIMEOUT).build().start();
        jobs = farmer.host("jobs", PiFarm.CODEC_JOB);
        results = farmer.host("results", PiFarm.CODEC_RESULT);
        int[] poisonAfter = {poisonAfterWorker0, poisonAfterWorker1};
        for (int w = 0; w < 2; w++) {
            children.add(ChildJvm.start("worker" + w, NetChild.class, "worker", "worker" + w,
                    farmer.uri("jobs").toString(), farmer.uri("results").toString(), String.valueOf(poisonAfter[w])));
        }
        for (ChildJvm c : children) {
            c.awaitLine("READY", START);
        }
        Channel<PiFarm.Job> jobsOut = jobs;
        new CSPProcess(() -> {
            for (int i = 0; ; i++) { // until poisoned
                jobsOut.write(new PiFarm.Job(i, JOBS, 2000));
            }
        }, jobs).start();
    }

    /**
     * Collects results until {@code enough} says so (then poisons the farm) or poison comes;
     * {@code afterEach} sees every intermediate outcome.
     */
    private Outcome collect(Predicate<Outcome> enough, Consumer<Outcome> afterEach) throws InterruptedException {
        Map<Integer, Integer> counts = new HashMap<>();
        Set<String> workers = new HashSet<>();
        boolean poisoned = false;
        try {
            while (true) {
                PiFarm.Result r = results.read();
                counts.merge(r.index(), 1, Integer::sum);
                workers.add(r.worker());
                Outcome now = new Outcome(counts, false, workers);
                progress = counts.size() + " results from " + workers;
                afterEach.accept(now);
                if (enough.test(now)) {
                    break;
                }
            }
        } catch (ChannelPoison p) {
            poisoned = true;
        }
        progress += poisoned ? ", poisoned" : ", done";
        jobs.poison();
        results.poison();
        return new Outcome(counts, poisoned, workers);
    }

    @Test
    void aThreeNodeWorkerFarmGetsEveryResultExactlyOnce() throws Exception {
        startFarm(0, 0);
        Outcome o = collect(now -> now.workers().size() == 2
                && IntStream.range(0, JOBS).allMatch(now.counts()::containsKey), now -> { });
        assertThat(o.poisoned()).isFalse();
        assertThat(o.counts()).containsKeys(IntStream.range(0, JOBS).boxed().toArray(Integer[]::new))
                .allSatisfy((k, v) -> assertThat(v).as("result %d", k).isEqualTo(1));
        assertThat(o.workers()).as("both remote workers worked").containsExactlyInAnyOrder("worker0", "worker1");
        // the farmer poisoned its channels when done: that poison ended both worker JVMs
        for (ChildJvm c : children) {
            assertThat(c.awaitExit(END)).as("clean exit").isZero();
            assertThat(c.output()).anySatisfy(l -> assertThat(l).startsWith("POISONED"));
        }
    }

    /** Poison from the farmer is the end of aThreeNodeWorkerFarmGetsEveryResultExactlyOnce. */
    @ParameterizedTest(name = "poison from {0}")
    @ValueSource(strings = {"worker0", "worker1"})
    void poisonFromAnyNodeEndsAllThree(String poisoner) throws Exception {
        startFarm(poisoner.equals("worker0") ? 5 : 0, poisoner.equals("worker1") ? 5 : 0);
        Outcome o = collect(now -> false, now -> { });
        assertThat(o.poisoned()).isTrue();
        assertThat(o.counts().values()).allSatisfy(v -> assertThat(v).isEqualTo(1));
        for (ChildJvm c : children) {
            assertThat(c.awaitExit(END)).as("clean exit").isZero();
            assertThat(c.output()).anySatisfy(l -> assertThat(l).startsWith("POISON"));
        }
    }

    @Test
    void killingOneNodePoisonsItsPeersEndsAndTheOthersEndCleanly() throws Exception {
        startFarm(0, 0);
        long[] killedAt = new long[1];
        // kill worker0 once it has delivered a result: then its streams have surely reached the
        // farmer, so its loss is something the farmer can notice
        Outcome o = collect(now -> false, now -> {
            if (killedAt[0] == 0 && now.workers().contains("worker0") && now.counts().size() >= 10) {
                try {
                    children.get(0).kill();
                    killedAt[0] = System.nanoTime();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        long took = System.nanoTime() - killedAt[0];
        assertThat(killedAt[0]).as("worker0 was killed").isNotZero();
        assertThat(o.poisoned()).as("the farmer's channels were poisoned by the loss").isTrue();
        assertThat(Duration.ofNanos(took)).isLessThan(NetChild.PEER_TIMEOUT.plus(Duration.ofSeconds(30)));
        assertThat(o.counts().values()).allSatisfy(v -> assertThat(v).isEqualTo(1));
        ChildJvm survivor = children.get(1);
        assertThat(survivor.awaitExit(END)).as("the other worker ends cleanly").isZero();
        assertThat(survivor.output()).anySatisfy(l -> assertThat(l).startsWith("POISONED"));
    }

    @Test
    void killingAChannelsHomePoisonsTheEndsOnOtherNodesWithPeerLost() throws Exception {
        ChildJvm home = ChildJvm.start("home", NetChild.class, "home");
        children.add(home);
        int port = Integer.parseInt(home.awaitLine("READY", START).split(" ")[1]);
        farmer = CspNode.builder().name("client").peerTimeout(NetChild.PEER_TIMEOUT).build().start();
        java.net.URI base = java.net.URI.create("csp://127.0.0.1:" + port + "/");
        NetChannelOutput<String> sink = farmer.output(base.resolve("sink"), Codec.utf8());
        ChannelInput<String> silence = farmer.input(base.resolve("silence"), Codec.utf8());
        ChannelInput<String> values = farmer.input(base.resolve("values"), Codec.utf8());
        assertThat(values.read()).startsWith("remote-"); // connected and working
        java.util.concurrent.CompletableFuture<Throwable> writer = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                sink.write("nobody reads this");
                writer.complete(null);
            } catch (Throwable t) {
                writer.complete(t);
            }
        });
        java.util.concurrent.CompletableFuture<Throwable> reader = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                silence.read();
                reader.complete(null);
            } catch (Throwable t) {
                reader.complete(t);
            }
        });
        home.kill();
        assertThat(writer.get(60, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOfSatisfying(PeerLost.class,
                p -> assertThat(p.peer()).contains(String.valueOf(port)));
        assertThat(reader.get(60, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(ChannelPoison.class)
                .hasMessageContaining(String.valueOf(port));
        assertThat(farmer.fault(silence)).get().isInstanceOf(PeerLost.class);
        assertThatThrownBy(() -> sink.write("later")).isInstanceOf(PeerLost.class);
    }

    @Test
    void anAltOverALocalAndARemoteChannelPicksBoth() throws Exception {
        ChildJvm home = ChildJvm.start("home", NetChild.class, "home");
        children.add(home);
        int port = Integer.parseInt(home.awaitLine("READY", START).split(" ")[1]);
        farmer = CspNode.builder().name("client").peerTimeout(NetChild.PEER_TIMEOUT).build().start();
        ChannelInput<String> remote = farmer.input(java.net.URI.create("csp://127.0.0.1:" + port + "/values"), Codec.utf8());
        Channel<String> local = new Channel<>("local");
        int n = 50;
        new CSPProcess(() -> {
            for (int i = 0; i < n; i++) {
                local.write("local-" + i);
            }
        }).start();
        Alt alt = new Alt(remote, local);
        Set<Guard> picked = new HashSet<>();
        int locals = 0;
        int remotes = 0;
        while (locals < n || remotes == 0) {
            String v = (String) alt.select();
            picked.add(alt.lastSelected());
            if (v.startsWith("local-")) {
                locals++;
            } else {
                assertThat(v).startsWith("remote-");
                remotes++;
            }
        }
        assertThat(picked).containsExactlyInAnyOrder(remote, local);
        remote.poison(); // reaches the home in the other JVM, which then ends
        assertThat(home.awaitExit(END)).isZero();
        assertThat(home.output()).contains("POISONED values");
    }
}
