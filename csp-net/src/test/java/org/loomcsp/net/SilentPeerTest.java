package org.loomcsp.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelPoison;
import org.loomcsp.net.internal.Wire;
import org.loomcsp.net.proto.EndFrame;
import org.loomcsp.net.proto.HomeFrame;
import org.loomcsp.net.proto.Open;
import org.loomcsp.net.proto.Role;

/**
 * A peer that goes silent (partitioned, stopped) is declared lost after the peer timeout, on
 * both sides; nothing waits for ever. The silent peer is a bare gRPC endpoint that speaks the
 * protocol's first frame and then nothing (not even heartbeats). The timeout is long enough
 * that a loaded machine's scheduling delays (heartbeats every quarter of it) do not count.
 * The tests share nothing (own nodes, own silent peer, unique in-process names), so they run
 * concurrently: most of each is waiting for the timeout.
 */
@Execution(ExecutionMode.CONCURRENT)
class SilentPeerTest {
    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private final InProcessNodes nodes = new InProcessNodes();
    private Server silentServer;
    private ManagedChannel silentClient;

    @AfterEach
    void close() {
        nodes.close();
        if (silentServer != null) {
            silentServer.shutdownNow();
        }
        if (silentClient != null) {
            silentClient.shutdownNow();
        }
    }

    @Test
    void aSilentHomePoisonsItsEndsWithPeerLostNamingIt() throws Exception {
        String name = "silent-home-" + System.nanoTime();
        silentServer = InProcessServerBuilder.forName(name).directExecutor()
                .addService(Wire.service(out -> new StreamObserver<>() {
                    boolean silent;

                    @Override
                    public void onNext(EndFrame f) {
                        // alive (answers pings) until a value is in flight, then silent for ever
                        silent |= f.hasSend() || f.hasRequest();
                        if (!silent) {
                            out.onNext(HomeFrame.newBuilder().setPing(org.loomcsp.net.proto.Ping.getDefaultInstance()).build());
                        }
                    }

                    @Override
                    public void onError(Throwable t) { }

                    @Override
                    public void onCompleted() { }
                })).build().start();
        CspNode here = nodes.start(CspNode.builder().peerTimeout(TIMEOUT));
        java.net.URI uri = java.net.URI.create("csp+inproc://" + name + "/c");
        NetChannelOutput<String> out = here.output(uri, Codec.utf8());
        ChannelInput<String> in = here.input(uri, Codec.utf8());

        long t0 = System.nanoTime();
        assertThatThrownBy(() -> out.write("lost?")).isInstanceOfSatisfying(PeerLost.class, p -> {
            assertThat(p.peer()).contains(name);
            assertThat(p.inDoubt()).as("a value was in flight").isTrue();
            assertThat(p.getMessage()).contains("peer timeout");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(30));
        assertThatThrownBy(in::read).isInstanceOf(ChannelPoison.class).hasMessageContaining(name);
        assertThat(here.fault(in)).get().isInstanceOf(PeerLost.class);
        // later writes: poisoned, and not in doubt (nothing was in flight)
        assertThatThrownBy(() -> out.write("later")).isInstanceOfSatisfying(PeerLost.class,
                p -> assertThat(p.inDoubt()).isFalse());
    }

    @Test
    void aSilentEndPoisonsTheHostedChannelItWasConnectedTo() throws Exception {
        CspNode home = nodes.start(CspNode.builder().peerTimeout(TIMEOUT));
        Channel<String> ch = home.host("c", Codec.utf8());
        CompletableFuture<Throwable> reader = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                ch.read();
                reader.complete(null);
            } catch (Throwable t) {
                reader.complete(t);
            }
        });
        silentClient = InProcessChannelBuilder.forName(home.uri().getHost()).directExecutor().build();
        StreamObserver<EndFrame> req = ClientCalls.asyncBidiStreamingCall(
                silentClient.newCall(Wire.CONNECT, io.grpc.CallOptions.DEFAULT), new StreamObserver<HomeFrame>() {
                    @Override
                    public void onNext(HomeFrame value) { }

                    @Override
                    public void onError(Throwable t) { }

                    @Override
                    public void onCompleted() { }
                });
        req.onNext(EndFrame.newBuilder().setOpen(Open.newBuilder().setChannel("c").setRole(Role.WRITER)
                .setCodec("utf8").setNode("silent-end")).build());
        assertThat(reader.get(30, TimeUnit.SECONDS)).isInstanceOf(ChannelPoison.class);
        assertThat(ch.isPoisoned()).isTrue();
    }

    @Test
    void withPoisonOnPeerLossOffALostEndLeavesTheChannelUsable() throws Exception {
        CspNode home = nodes.start(CspNode.builder().peerTimeout(TIMEOUT).poisonOnPeerLoss(false));
        CspNode other = nodes.start();
        Channel<String> ch = home.host("c", Codec.utf8());
        silentClient = InProcessChannelBuilder.forName(home.uri().getHost()).directExecutor().build();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        StreamObserver<EndFrame> req = ClientCalls.asyncBidiStreamingCall(
                silentClient.newCall(Wire.CONNECT, io.grpc.CallOptions.DEFAULT), new StreamObserver<HomeFrame>() {
                    @Override
                    public void onNext(HomeFrame value) { }

                    @Override
                    public void onError(Throwable t) {
                        ended.complete(t);
                    }

                    @Override
                    public void onCompleted() {
                        ended.complete(null);
                    }
                });
        req.onNext(EndFrame.newBuilder().setOpen(Open.newBuilder().setChannel("c").setRole(Role.WRITER)
                .setCodec("utf8").setNode("silent-end")).build());
        assertThat(ended.get(30, TimeUnit.SECONDS)).isNotNull(); // the home gave up on it
        assertThat(ch.isPoisoned()).isFalse();
        NetChannelOutput<String> out = other.output(home.uri("c"), Codec.utf8());
        CompletableFuture<Throwable> wrote = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                out.write("still works");
                wrote.complete(null);
            } catch (Throwable t) {
                wrote.complete(t);
            }
        });
        assertThat(ch.read()).isEqualTo("still works");
        // the write returns once the home has told it the value was taken (and before the nodes
        // close: otherwise its thread died of "home node closed" and printed that)
        assertThat(wrote.get(30, TimeUnit.SECONDS)).as("the remote write returned normally").isNull();
    }
}
