package org.loomcsp.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;
import org.loomcsp.net.proto.Deliver;

class CodecTest {
    private final InProcessNodes nodes = new InProcessNodes();

    @AfterEach
    void close() {
        nodes.close();
    }

    record Point(int x, int y) implements Serializable {}

    record Box(Object content) implements Serializable {}

    record Secret(String s) implements Serializable {}

    @Test
    void javaCodecRoundTripsAllowedRecords() {
        Codec<Object> c = Codec.java(Point.class, Box.class);
        assertThat(c.decode(c.encode(new Box(new Point(1, 2))))).isEqualTo(new Box(new Point(1, 2)));
        assertThat(c.decode(c.encode("text"))).isEqualTo("text");
        assertThat(c.decode(c.encode(42L))).isEqualTo(42L);
    }

    @Test
    void javaCodecRefusesAClassOutsideTheAllowList() {
        Codec<Object> c = Codec.java(Point.class, Box.class);
        assertThatThrownBy(() -> c.encode(new Secret("x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Secret.class.getName()).hasMessageContaining("allow-list");
        // nested in an allowed record: refused too
        assertThatThrownBy(() -> c.encode(new Box(new Secret("x")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Secret.class.getName());
        // bytes made by a more permissive codec are not deserialized
        byte[] bytes = Codec.java(Box.class, Secret.class).encode(new Box(new Secret("x")));
        assertThatThrownBy(() -> c.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allow-list");
    }

    @Test
    void aValueTheHomeRefusesFailsTheWriteAndLeavesTheChannelUsable() throws Exception {
        CspNode home = nodes.start();
        CspNode remote = nodes.start();
        Channel<Object> ch = home.host("c", Codec.java(Box.class));
        // the remote allows more than the home
        NetChannelOutput<Object> out = remote.output(home.uri("c"), Codec.java(Box.class, Secret.class));
        assertThatThrownBy(() -> out.write(new Box(new Secret("x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refused the value");
        assertThat(out.isPoisoned()).isFalse();
        CompletableFuture<Object> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return ch.read();
            } catch (InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        out.write(new Box("fine"));
        assertThat(reader.get(30, TimeUnit.SECONDS)).isEqualTo(new Box("fine"));
    }

    @Test
    void protobufMessagesCrossAsSuch() throws Exception {
        CspNode home = nodes.start();
        CspNode remote = nodes.start();
        Codec<Deliver> codec = Codec.protobuf(Deliver.getDefaultInstance());
        assertThat(codec.name()).isEqualTo("protobuf:loomcsp.net.v1.Deliver");
        Channel<Deliver> ch = home.host("p", codec);
        ChannelInput<Deliver> in = remote.input(home.uri("p"), codec);
        Deliver d = Deliver.newBuilder().setSeq(7).setPayload(com.google.protobuf.ByteString.copyFromUtf8("x")).build();
        Thread.ofVirtual().start(() -> {
            try {
                ch.write(d);
            } catch (InterruptedException ignored) {
                // ignored
            }
        });
        assertThat(in.read()).isEqualTo(d);
    }

    @Test
    void utf8RefusesMalformedBytes() {
        assertThatThrownBy(() -> Codec.utf8().decode(new byte[] {(byte) 0xff, (byte) 0xfe}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not UTF-8");
        assertThat(Codec.utf8().decode(Codec.utf8().encode("héllo ✓"))).isEqualTo("héllo ✓");
    }
}
