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
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.net.internal.Wire;
import org.loomcsp.net.proto.EndFrame;
import org.loomcsp.net.proto.HomeFrame;
import org.loomcsp.net.proto.Open;
import org.loomcsp.net.proto.Received;
import org.loomcsp.net.proto.Request;
import org.loomcsp.net.proto.Role;
import org.loomcsp.net.proto.Send;

/**
 * The wire protocol seen from a raw gRPC client (a hand-written client in another language, say):
 * the one-value-in-flight rule for Send and Request (a second one before the answer to the first
 * is rejected with a message that says what to do, and no value is lost or delivered twice), and
 * what an orderly close does to an operation in flight and to a value delivered but not
 * acknowledged.
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
        LinkedBlockingQueue<HomeFrame> answers = new LinkedBlockingQueue<>();
        StreamObserver<EndFrame> end = rawEnd(home, Role.WRITER, answers, new java.util.concurrent.CountDownLatch(1));
        end.onNext(send(1, "first"));
        end.onNext(send(2, "second")); // before any answer: no reader has taken "first"

        HomeFrame rejected = next(answers);
        assertThat(rejected.hasRejected()).as("%s", rejected).isTrue();
        assertThat(rejected.getRejected().getSeq()).isEqualTo(2);
        assertThat(rejected.getRejected().getReason()).contains("one value in flight").contains("wait for Taken");

        assertThat(c.read()).isEqualTo("first");
        HomeFrame taken = next(answers);
        assertThat(taken.hasTaken()).as("%s", taken).isTrue();
        assertThat(taken.getTaken().getSeq()).isEqualTo(1);
        assertThat(c.tryRead()).as("the rejected value is never delivered").isNull();

        end.onNext(send(3, "third")); // after the answer: accepted again
        assertThat(c.read()).isEqualTo("third");
        HomeFrame third = next(answers);
        assertThat(third.getTaken().getSeq()).isEqualTo(3);
        end.onCompleted();
    }

    /** A raw end of channel "c" at {@code home}: frames sent through the observer, answers (no pings) in the queue. */
    private StreamObserver<EndFrame> rawEnd(CspNode home, Role role, LinkedBlockingQueue<HomeFrame> answers,
            java.util.concurrent.CountDownLatch completed) {
        client = InProcessChannelBuilder.forName(home.uri().getHost()).directExecutor().build();
        StreamObserver<EndFrame> end = ClientCalls.asyncBidiStreamingCall(
                client.newCall(Wire.CONNECT, io.grpc.CallOptions.DEFAULT), new StreamObserver<HomeFrame>() {
                    @Override
                    public void onNext(HomeFrame f) {
                        if (!f.hasPing() && !f.hasOpened()) {
                            answers.add(f);
                        }
                    }

                    @Override
                    public void onError(Throwable t) {
                        completed.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        completed.countDown();
                    }
                });
        end.onNext(EndFrame.newBuilder().setOpen(Open.newBuilder().setChannel("c").setRole(role)
                .setCodec(Codec.utf8().name()).setNode("raw-client")).build());
        return end;
    }

    private static HomeFrame next(LinkedBlockingQueue<HomeFrame> answers) throws InterruptedException {
        HomeFrame f = answers.poll(30, TimeUnit.SECONDS);
        assertThat(f).as("an answer from the home").isNotNull();
        return f;
    }

    @Test
    void aRequestBeforeTheAnswerToThePreviousIsRejectedAndTheFirstStillServed() throws Exception {
        CspNode home = nodes.start();
        Channel<String> c = home.host("c", Codec.utf8());
        LinkedBlockingQueue<HomeFrame> answers = new LinkedBlockingQueue<>();
        StreamObserver<EndFrame> end = rawEnd(home, Role.READER, answers, new java.util.concurrent.CountDownLatch(1));
        end.onNext(request(1));
        end.onNext(request(2)); // before any answer: no writer has come

        HomeFrame rejected = next(answers);
        assertThat(rejected.hasRejected()).as("%s", rejected).isTrue();
        assertThat(rejected.getRejected().getSeq()).isEqualTo(2);
        assertThat(rejected.getRejected().getReason()).contains("one value in flight").contains("wait for Deliver");

        new CSPProcess(() -> c.write("x")).start().join(); // served by the waiting request at once
        HomeFrame delivered = next(answers);
        assertThat(delivered.hasDeliver()).as("%s", delivered).isTrue();
        assertThat(delivered.getDeliver().getSeq()).isEqualTo(1);
        assertThat(delivered.getDeliver().getPayload().toStringUtf8()).isEqualTo("x");
        end.onNext(EndFrame.newBuilder().setReceived(Received.newBuilder().setSeq(1)).build());

        end.onNext(request(3)); // after the answer: accepted again
        new CSPProcess(() -> c.write("y")).start().join();
        HomeFrame third = next(answers);
        assertThat(third.getDeliver().getSeq()).isEqualTo(3);
        assertThat(third.getDeliver().getPayload().toStringUtf8()).isEqualTo("y");
        end.onCompleted();
    }

    @Test
    void aValueDeliveredButNotReceivedGoesBackWhenTheEndClosesInOrder() throws Exception {
        CspNode home = nodes.start();
        Channel<String> c = home.host("c", Codec.utf8());
        LinkedBlockingQueue<HomeFrame> answers = new LinkedBlockingQueue<>();
        java.util.concurrent.CountDownLatch completed = new java.util.concurrent.CountDownLatch(1);
        StreamObserver<EndFrame> end = rawEnd(home, Role.READER, answers, completed);
        end.onNext(request(1));
        new CSPProcess(() -> c.write("v")).start().join();
        assertThat(next(answers).getDeliver().getPayload().toStringUtf8()).isEqualTo("v");
        end.onCompleted(); // closes without Received: "v" never reached a reader there
        assertThat(c.read()).as("the value is back in the home's channel").isEqualTo("v");
        assertThat(completed.await(30, TimeUnit.SECONDS)).as("the home ends the stream").isTrue();
        assertThat(c.tryRead()).as("and only once").isNull();
    }

    @Test
    void anOrderlyCloseWithdrawsAWaitingRequestOrSendAndAnswersCancelled() throws Exception {
        CspNode home = nodes.start();
        Channel<String> c = home.host("c", Codec.utf8());
        LinkedBlockingQueue<HomeFrame> answers = new LinkedBlockingQueue<>();
        java.util.concurrent.CountDownLatch completed = new java.util.concurrent.CountDownLatch(1);
        StreamObserver<EndFrame> reader = rawEnd(home, Role.READER, answers, completed);
        reader.onNext(request(1));
        reader.onCompleted();
        HomeFrame cancelled = next(answers);
        assertThat(cancelled.hasCancelled()).as("%s", cancelled).isTrue();
        assertThat(cancelled.getCancelled().getSeq()).isEqualTo(1);
        assertThat(completed.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(c.tryWrite("nobody")).as("no request is left waiting in the channel").isFalse();

        client.shutdownNow();
        LinkedBlockingQueue<HomeFrame> wanswers = new LinkedBlockingQueue<>();
        java.util.concurrent.CountDownLatch wcompleted = new java.util.concurrent.CountDownLatch(1);
        StreamObserver<EndFrame> writer = rawEnd(home, Role.WRITER, wanswers, wcompleted);
        writer.onNext(send(1, "unread"));
        writer.onCompleted();
        HomeFrame wcancelled = next(wanswers);
        assertThat(wcancelled.hasCancelled()).as("%s", wcancelled).isTrue();
        assertThat(wcompleted.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(c.tryRead()).as("the withdrawn value is not in the channel").isNull();
    }

    private static EndFrame request(long seq) {
        return EndFrame.newBuilder().setRequest(Request.newBuilder().setSeq(seq)).build();
    }

    private static EndFrame send(long seq, String v) {
        return EndFrame.newBuilder().setSend(Send.newBuilder().setSeq(seq)
                .setPayload(ByteString.copyFrom(v, StandardCharsets.UTF_8))).build();
    }
}
