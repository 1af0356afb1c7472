package org.loomcsp.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.loomcsp.Channel;
import org.loomcsp.net.internal.Wire;
import org.loomcsp.net.proto.EndFrame;
import org.loomcsp.net.proto.HomeFrame;
import org.loomcsp.net.proto.Open;
import org.loomcsp.net.proto.Role;
import org.loomcsp.net.proto.Send;

/**
 * The wire protocol's one-value-in-flight rule, seen from a client that breaks it (a hand-written
 * client in another language, say): a second Send before the answer to the first is rejected
 * with a message that says what to do, and neither value is lost or delivered twice.
 */
class OneValueInFlightTest {
    private final InProcessNodes nodes = new InProcessNodes();
    private ManagedChannel client;

    @AfterEach
    void close() {
        if (client != null) {
            client.shutdownNow();
        }
        nodes.close();
    }

    @Test
    void aSendBeforeTheAnswerToThePreviousIsRejectedAndTheFirstStillDelivered() throws Exception {
        CspNode home = nodes.start();
        Channel<String> c = home.host("c", Codec.utf8());
        client = InProcessChannelBuilder.forName(home.uri().getHost()).directExecutor().build();
        LinkedBlockingQueue<HomeFrame> answers = new LinkedBlockingQueue<>();
        StreamObserver<EndFrame> end = ClientCalls.asyncBidiStreamingCall(
                client.newCall(Wire.CONNECT, io.grpc.CallOptions.DEFAULT), new StreamObserver<HomeFrame>() {
                    @Override
                    public void onNext(HomeFrame f) {
                        if (!f.hasPing() && !f.hasOpened()) {
                            answers.add(f);
                        }
                    }

                    @Override
                    public void onError(Throwable t) { }

                    @Override
                    public void onCompleted() { }
                });
        end.onNext(EndFrame.newBuilder().setOpen(Open.newBuilder().setChannel("c").setRole(Role.WRITER)
                .setCodec(Codec.utf8().name()).setNode("rule-breaker")).build());
        end.onNext(send(1, "first"));
        end.onNext(send(2, "second")); // before any answer: no reader has taken "first"

        HomeFrame rejected = answers.poll(30, TimeUnit.SECONDS);
        assertThat(rejected).isNotNull();
        assertThat(rejected.hasRejected()).as("%s", rejected).isTrue();
        assertThat(rejected.getRejected().getSeq()).isEqualTo(2);
        assertThat(rejected.getRejected().getReason()).contains("one value in flight").contains("wait for Taken");

        assertThat(c.read()).isEqualTo("first");
        HomeFrame taken = answers.poll(30, TimeUnit.SECONDS);
        assertThat(taken).isNotNull();
        assertThat(taken.hasTaken()).as("%s", taken).isTrue();
        assertThat(taken.getTaken().getSeq()).isEqualTo(1);
        assertThat(c.tryRead()).as("the rejected value is never delivered").isNull();

        end.onNext(send(3, "third")); // after the answer: accepted again
        assertThat(c.read()).isEqualTo("third");
        HomeFrame third = answers.poll(30, TimeUnit.SECONDS);
        assertThat(third).isNotNull();
        assertThat(third.getTaken().getSeq()).isEqualTo(3);
        end.onCompleted();
    }

    private static EndFrame send(long seq, String v) {
        return EndFrame.newBuilder().setSend(Send.newBuilder().setSeq(seq)
                .setPayload(ByteString.copyFrom(v, StandardCharsets.UTF_8))).build();
    }
}
