package org.loomcsp.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;

class RendezvousAcrossTheNetworkTest {
    private final InProcessNodes nodes = new InProcessNodes();

    @AfterEach
    void close() {
        nodes.close();
    }

    @Test
    void remoteWriteReturnsOnlyOnceAHomeReaderTookTheValue() throws Exception {
        CspNode home = nodes.start();
        CspNode remote = nodes.start();
        Channel<String> c = home.host("c", Codec.utf8());
        NetChannelOutput<String> out = remote.output(home.uri("c"), Codec.utf8());

        // no reader: the value cannot have been delivered, so a bounded write must say so
        assertThat(out.write("unread", Duration.ofMillis(200))).isFalse();

        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                out.write("hello");
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(c.read()).isEqualTo("hello");
        writer.get(30, TimeUnit.SECONDS);
        // the withdrawn value was never delivered
        assertThat(c.tryRead()).isNull();
    }

    @Test
    void aWithdrawnWriteIsNeverDeliveredLater() throws Exception {
        CspNode home = nodes.start();
        CspNode remote = nodes.start();
        Channel<String> c = home.host("c", Codec.utf8());
        NetChannelOutput<String> out = remote.output(home.uri("c"), Codec.utf8());
        for (int i = 0; i < 5; i++) {
            assertThat(out.write("withdrawn-" + i, Duration.ofMillis(20))).isFalse();
        }
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return c.read();
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        out.write("delivered");
        assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo("delivered");
    }

    @Test
    void anInterruptedWriteThrowsAndDeliversNothing() throws Exception {
        CspNode home = nodes.start();
        CspNode remote = nodes.start();
        Channel<String> c = home.host("c", Codec.utf8());
        NetChannelOutput<String> out = remote.output(home.uri("c"), Codec.utf8());
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                out.write("never");
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        t.interrupt();
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(c.tryRead()).isNull();
        // and the end still works
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return c.read();
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        out.write("after");
        assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo("after");
    }

    /**
     * Writers whose short timeouts race a reader that takes values at its own pace: a write that
     * returned true was read exactly once, one that returned false never was (the home's Cancel
     * and the reader's take race for every pending value). Prints its seed;
     * -Dloomcsp.net.seed=N replays the timeouts and the reader's pace.
     */
    @Test
    void writesThatTimeOutRacingAReaderAreDeliveredExactlyWhenTheySaySo() throws Exception {
        long seed = Long.getLong("loomcsp.net.seed", System.nanoTime());
        System.out.printf("RendezvousAcrossTheNetworkTest: seed %d (replay: -Dloomcsp.net.seed=%d)%n", seed, seed);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        CspNode home = nodes.start();
        CspNode remote = nodes.start();
        Channel<String> c = home.host("c", Codec.utf8());
        int writers = 4;
        int each = 200;
        java.util.Set<String> delivered = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Set<String> withdrawn = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.List<CompletableFuture<Void>> ws = new java.util.ArrayList<>();
        for (int k = 0; k < writers; k++) {
            NetChannelOutput<String> out = remote.output(home.uri("c"), Codec.utf8());
            int id = k;
            java.util.SplittableRandom wr = rnd.split();
            ws.add(CompletableFuture.runAsync(() -> {
                try {
                    int ok = 0;
                    for (int attempt = 0; ok < each; attempt++) {
                        String v = id + ":" + attempt;
                        if (out.write(v, Duration.ofNanos(10_000L * (1 + wr.nextInt(50))))) {
                            delivered.add(v);
                            ok++;
                        } else {
                            withdrawn.add(v);
                        }
                    }
                } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        java.util.List<String> read = new java.util.ArrayList<>();
        java.util.SplittableRandom rr = rnd.split();
        while (read.size() < writers * each) {
            read.add(c.read());
            for (int spin = rr.nextInt(rr.nextInt(10) == 0 ? 50_000 : 2_000); spin > 0; spin--) {
                Thread.onSpinWait(); // the reader's own pace, so that some writes time out
            }
        }
        for (CompletableFuture<Void> w : ws) {
            w.get(60, TimeUnit.SECONDS);
        }
        assertThat(c.tryRead()).as("no withdrawn value arrives later (seed %d)", seed).isNull();
        assertThat(read).as("each value read once (seed %d)", seed).doesNotHaveDuplicates();
        assertThat(new java.util.HashSet<>(read)).as("read exactly the writes that returned true (seed %d)", seed)
                .isEqualTo(delivered);
        assertThat(withdrawn).as("seed %d", seed).doesNotContainAnyElementsOf(read);
        System.out.printf("RendezvousAcrossTheNetworkTest: %d values read, %d writes withdrawn%n", read.size(), withdrawn.size());
    }

    @Test
    void aRemoteReaderGetsValuesInTheOrderOfOneWriter() throws Exception {
        CspNode home = nodes.start();
        CspNode remote = nodes.start();
        Channel<Integer> c = home.host("c", Codec.java());
        ChannelInput<Integer> in = remote.input(home.uri("c"), Codec.java());
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < 200; i++) {
                    c.write(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 200; i++) {
            assertThat(in.read()).isEqualTo(i);
        }
        writer.join();
    }

    @Test
    void aChannelThatIsNotHostedIsRefusedWithAMessageSayingSo() {
        CspNode home = nodes.start();
        CspNode remote = nodes.start();
        NetChannelOutput<String> out = remote.output(home.uri("nope"), Codec.utf8());
        assertThatThrownBy(() -> out.write("x")).hasMessageContaining("no channel 'nope'")
                .hasMessageContaining("node.host(");
        ChannelInput<String> in = remote.input(home.uri("nope"), Codec.utf8());
        assertThatThrownBy(in::read).isInstanceOf(org.loomcsp.ChannelPoison.class);
        assertThat(remote.fault(in)).get().extracting(Throwable::getMessage).asString().contains("no channel 'nope'");
    }

    @Test
    void aCodecMismatchIsRefused() {
        CspNode home = nodes.start();
        CspNode remote = nodes.start();
        home.host("c", Codec.utf8());
        NetChannelOutput<byte[]> out = remote.output(home.uri("c"), Codec.bytes());
        assertThatThrownBy(() -> out.write(new byte[] {1})).hasMessageContaining("uses codec utf8");
    }
}
