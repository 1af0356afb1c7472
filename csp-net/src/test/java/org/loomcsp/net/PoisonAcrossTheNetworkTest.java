package org.loomcsp.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loomcsp.Alt;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelPoison;
import org.loomcsp.Timer;

/**
 * Poison from any end, on any node, reaches every waiter on every node, saying where the channel
 * was poisoned and, when a remote end poisoned it, by which node.
 */
class PoisonAcrossTheNetworkTest {
    private final InProcessNodes nodes = new InProcessNodes();

    @AfterEach
    void close() {
        nodes.close();
    }

    interface Blocking {
        void run() throws Exception;
    }

    private static CompletableFuture<Throwable> waiter(Blocking b) {
        CompletableFuture<Throwable> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                b.run();
                f.complete(null);
            } catch (Throwable t) {
                f.complete(t);
            }
        });
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"home", "remoteWriterEnd", "remoteReaderEnd", "remoteAltReaderEnd"})
    void poisonFromAnyEndReachesEveryWaiterOnEveryNode(String poisoner) throws Exception {
        CspNode home = nodes.start();
        CspNode b = nodes.start();
        CspNode c = nodes.start();
        Channel<String> ch = home.host("c", Codec.utf8());
        Channel<String> other = home.host("other", Codec.utf8()); // writers block on it
        NetChannelOutput<String> writerB = b.output(home.uri("c"), Codec.utf8());
        ChannelInput<String> readerC = c.input(home.uri("c"), Codec.utf8());
        ChannelInput<String> readerB = b.input(home.uri("c"), Codec.utf8());
        NetChannelOutput<String> poisonerOut = c.output(home.uri("c"), Codec.utf8());
        ChannelInput<String> poisonerIn = b.input(home.uri("c"), Codec.utf8());

        List<CompletableFuture<Throwable>> waiters = new ArrayList<>();
        // a remote reader blocked in read, a remote Alt (with a timer far away) blocked in select,
        // a local reader at home: all wait for a value that never comes
        waiters.add(waiter(readerC::read));
        waiters.add(waiter(() -> {
            Timer t = new Timer();
            t.setAlarm(java.time.Duration.ofHours(1));
            new Alt(readerB, t).select();
        }));
        waiters.add(waiter(ch::read));
        // a remote writer blocked on the other channel's home: no reader there; poisoned below too
        CompletableFuture<Throwable> otherWriter = waiter(() -> b.output(home.uri("other"), Codec.utf8()).write("x"));

        Consumer<Void> poison = switch (poisoner) {
            case "home" -> v -> ch.poison();
            case "remoteWriterEnd" -> v -> poisonerOut.poison();
            case "remoteReaderEnd" -> v -> poisonerIn.poison();
            default -> v -> { };
        };
        if (poisoner.equals("remoteAltReaderEnd")) {
            // poison through the Alt idiom: Alt.poison() poisons the last selected guard
            Channel<String> local = new Channel<>();
            Thread.ofVirtual().start(() -> {
                try {
                    local.write("go");
                } catch (InterruptedException ignored) {
                    // ignored
                }
            });
            Alt alt = new Alt(local, poisonerIn);
            assertThat(alt.priSelect()).isEqualTo("go");
            poisonerIn.poison();
        } else {
            poison.accept(null);
        }
        for (CompletableFuture<Throwable> w : waiters) {
            assertThat(w.get(30, TimeUnit.SECONDS)).isInstanceOf(ChannelPoison.class);
        }
        // later writers anywhere are poisoned too
        CompletableFuture<Throwable> late = waiter(() -> writerB.write("late"));
        Throwable lateWrite = late.get(30, TimeUnit.SECONDS);
        assertThat(lateWrite).isInstanceOf(ChannelPoison.class);
        assertThat(writerB.isPoisoned()).isTrue();
        // every remote end's poison says where, and who, if a remote end poisoned it
        String who = switch (poisoner) {
            case "home" -> null; // a local process: core's poison carries no cause
            case "remoteWriterEnd" -> "poisoned by " + c.name();
            default -> "poisoned by " + b.name();
        };
        assertThat(c.fault(readerC)).as("the remote reader's fault").hasValueSatisfying(p -> {
            assertThat(p).isNotInstanceOf(PeerLost.class);
            assertThat(p.getMessage()).contains("poisoned at " + home.name());
            if (who != null) {
                assertThat(p.getMessage()).contains(who);
            }
        });
        assertThat(lateWrite.getMessage()).contains("poisoned at " + home.name());
        if (who != null) {
            assertThat(lateWrite.getMessage()).contains(who);
        }
        // the other channel was not poisoned: its writer still waits; poison it to end the test
        assertThat(otherWriter).isNotDone();
        other.poison();
        assertThat(otherWriter.get(30, TimeUnit.SECONDS)).isInstanceOf(ChannelPoison.class);
    }
}
