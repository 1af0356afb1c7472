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
