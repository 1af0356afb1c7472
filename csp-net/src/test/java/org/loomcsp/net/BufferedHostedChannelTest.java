package org.loomcsp.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelPoison;

/**
 * A hosted channel keeps its own semantics: a remote write to a buffered channel returns when
 * the value is in the home's buffer, exactly when a local write would, and is never lost,
 * duplicated or reordered on the way.
 */
class BufferedHostedChannelTest {
    private final InProcessNodes nodes = new InProcessNodes();
    private CspNode home;
    private CspNode remote;

    @BeforeEach
    void start() {
        home = nodes.start();
        remote = nodes.start();
    }

    @AfterEach
    void close() {
        nodes.close();
    }

    /** Hosts a buffered channel "c" of strings at the home. */
    private Channel<String> hostBuffered(int capacity) {
        return home.host("c", Channel.buffered("c", capacity), Codec.utf8());
    }

    /** A new remote end of "c" at the other node. */
    private NetChannelOutput<String> remoteOutput() {
        return remote.output(home.uri("c"), Codec.utf8());
    }

    /** Writes {@code v} on another thread; the future completes when the write returned. */
    private static CompletableFuture<Void> writeAsync(NetChannelOutput<String> out, String v) {
        return CompletableFuture.runAsync(() -> {
            try {
                out.write(v);
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Test
    void aRemoteWriteReturnsOnceTheValueIsInTheHomesBuffer() throws Exception {
        Channel<String> c = hostBuffered(2);
        NetChannelOutput<String> out = remoteOutput();

        out.write("a"); // no reader anywhere: returns because the buffer took it
        assertThat(out.write("b", Duration.ofSeconds(30))).isTrue();
        // the buffer is full and nobody reads: the value cannot have been taken
        assertThat(out.write("full", Duration.ofMillis(200))).isFalse();

        assertThat(c.read()).isEqualTo("a");
        assertThat(c.read()).isEqualTo("b");
        assertThat(c.tryRead()).as("the withdrawn value never arrives").isNull();
    }

    @Test
    void aWriteThatWaitsForRoomReturnsWhenAReaderMakesIt() throws Exception {
        Channel<String> c = hostBuffered(1);
        NetChannelOutput<String> out = remoteOutput();
        out.write("first");
        CompletableFuture<Void> second = writeAsync(out, "second");
        assertThat(c.read()).isEqualTo("first");
        second.get(30, TimeUnit.SECONDS);
        assertThat(c.read()).isEqualTo("second");
    }

    @Test
    void manyRemoteWritersDeliverEveryValueOnceAndEachWritersInOrder() throws Exception {
        Channel<String> c = hostBuffered(8);
        int writers = 4;
        int each = 500;
        List<CompletableFuture<Void>> ws = new ArrayList<>();
        for (int k = 0; k < writers; k++) {
            NetChannelOutput<String> out = remoteOutput();
            int id = k;
            ws.add(CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < each; i++) {
                        out.write(id + ":" + i);
                    }
                } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                }
            }));
        }
        int[] next = new int[writers];
        Set<String> seen = new HashSet<>();
        for (int n = 0; n < writers * each; n++) {
            String v = c.read();
            assertThat(seen.add(v)).as("%s read once", v).isTrue();
            int id = Integer.parseInt(v.substring(0, v.indexOf(':')));
            assertThat(Integer.parseInt(v.substring(v.indexOf(':') + 1))).as("writer %d's order", id).isEqualTo(next[id]++);
        }
        for (CompletableFuture<Void> w : ws) {
            w.get(30, TimeUnit.SECONDS);
        }
        assertThat(c.tryRead()).isNull();
    }

    @Test
    void aRemoteReaderTakesWhatLocalWritersLeftInTheBuffer() throws Exception {
        Channel<Integer> c = home.host("c", Channel.buffered("c", 3), Codec.java());
        for (int i = 0; i < 3; i++) {
            c.write(i); // returns at once: the buffer has room
        }
        ChannelInput<Integer> in = remote.input(home.uri("c"), Codec.java());
        for (int i = 0; i < 3; i++) {
            assertThat(in.read()).isEqualTo(i);
        }
    }

    @Test
    void poisonAtTheHomeDiscardsTheBufferAndReachesTheRemoteWriter() throws Exception {
        Channel<String> c = hostBuffered(4);
        NetChannelOutput<String> out = remoteOutput();
        out.write("buffered");
        c.poison();
        assertThatThrownBy(() -> out.write("after")).isInstanceOf(ChannelPoison.class)
                .hasMessageContaining("channel 'c' poisoned at");
        assertThatThrownBy(c::read).isInstanceOf(ChannelPoison.class);
    }
}
