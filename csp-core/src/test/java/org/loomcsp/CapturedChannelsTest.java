package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.loomcsp.Csp.forever;
import static org.loomcsp.Csp.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.loomcsp.testing.BackendTest;

/**
 * A process knows the channels its body captures, so the list in process(body, channels...) is
 * optional: poison spreads through captured channels as through listed ones (issue 14, item 2).
 */
class CapturedChannelsTest {

    record Wiring(ChannelInput<Integer> in, ChannelOutput<Integer> out) {}

    /** A pipeline whose stages only capture their channels shuts down cleanly on poison. */
    @BackendTest
    void pipelineOfCapturedChannelsShutsDownOnPoison(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>("a");
        Channel<Integer> b = new Channel<>("b");
        Channel<Integer> c = new Channel<>("c");
        List<Integer> got = new ArrayList<>();
        CSPProcess producer = process(() -> {
            for (int i = 1; ; i++) a.write(i);
        });
        CSPProcess doubler = process(() -> {
            while (true) b.write(a.read() * 2);
        });
        CSPProcess incrementer = process(() -> {
            while (true) c.write(b.read() + 1);
        });
        CSPProcess consumer = process(() -> {
            for (int i = 0; i < 4; i++) got.add(c.read());
            c.poison();
        });
        new Par(producer, doubler, incrementer, consumer).run();
        assertThat(got).containsExactly(3, 5, 7, 9);
        assertThat(List.of(a, b, c)).allMatch(Channel::isPoisoned);
    }

    /**
     * Captures are found through captured lambdas, lists, maps, records and arrays, in a server's
     * step and in a Body object's fields; explicit arguments still count.
     */
    @BackendTest
    void capturesAreSearchedThroughContainersLambdasServersAndBodyObjects(Backend backend)
            throws Exception {
        Channel<Integer> inList = new Channel<>("inList");
        Channel<Integer> inMap = new Channel<>("inMap");
        Channel<Integer> inRecord = new Channel<>("inRecord");
        Channel<Integer> inArray = new Channel<>("inArray");
        Channel<Integer> inNestedLambda = new Channel<>("inNestedLambda");
        Channel<Integer> inServer = new Channel<>("inServer");
        Channel<Integer> inBodyObject = new Channel<>("inBodyObject");
        Channel<Integer> listed = new Channel<>("listed");
        List<Channel<Integer>> list = List.of(inList);
        Map<String, Channel<Integer>> map = Map.of("k", inMap);
        Wiring wiring = new Wiring(inRecord, new Channel<>());
        @SuppressWarnings("unchecked")
        Channel<Integer>[] array = new Channel[] {inArray};
        Runnable helper = () -> inNestedLambda.getName();
        CSPProcess lambda = process(() -> {
            list.size();
            map.size();
            wiring.in();
            helper.run();
            System.identityHashCode(array);
            throw new ChannelPoison("test");
        }, listed);
        lambda.run();
        assertThat(List.of(inList, inMap, inRecord, inArray, inNestedLambda, listed))
                .allMatch(Channel::isPoisoned);

        CSPServer server = forever((CSPServer.Step) () -> {
            inServer.getName();
            throw new ChannelPoison("test");
        });
        server.run();
        assertThat(inServer.isPoisoned()).isTrue();

        class Stage implements CSPProcess.Body {
            final ChannelOutput<Integer> out = inBodyObject;

            @Override
            public void run() {
                throw new ChannelPoison("test");
            }
        }
        new CSPProcess(new Stage()).run();
        assertThat(inBodyObject.isPoisoned()).isTrue();
    }

    /** An iterator-form server whose generator captures its channel is known too. */
    @BackendTest
    void iteratorServerKnowsTheChannelsItsGeneratorCaptures(Backend backend) throws Exception {
        Channel<Integer> out = new Channel<>("out");
        CSPServer numbers = forever(() -> IntStream.iterate(0, n -> n + 1).mapToObj(n -> {
            try {
                out.write(n);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return n;
        }).iterator());
        CSPProcess reader = process(() -> {
            out.read();
            out.read();
            out.poison();
        });
        new Par(numbers, reader).run();
        assertThat(out.isPoisoned()).isTrue();
    }

    static final class Holder {
        Channel<Integer> c = new Channel<>("held");
    }

    /**
     * The documented limit: a channel the body reaches through another object's field (here a
     * captured holder of our own class) is not seen, so poison does not reach it; listing it
     * (or uses) does.
     */
    @BackendTest
    void channelReachedThroughAnotherObjectsFieldIsNotSeenUnlessListed(Backend backend)
            throws Exception {
        Holder h = new Holder();
        process(() -> {
            h.c.getName();
            throw new ChannelPoison("test");
        }).run();
        assertThat(h.c.isPoisoned()).isFalse();
        process(() -> {
            h.c.getName();
            throw new ChannelPoison("test");
        }).uses(h.c).run();
        assertThat(h.c.isPoisoned()).isTrue();
    }

    /** A failing process poisons the channels it captured, so its partners do not hang. */
    @BackendTest
    void failureInAStageOfCapturedChannelsEndsThePipeline(Backend backend) throws Exception {
        Channel<Integer> a = new Channel<>("a");
        Channel<Integer> b = new Channel<>("b");
        CSPProcess producer = process(() -> {
            for (int i = 1; ; i++) a.write(i);
        });
        CSPProcess broken = process(() -> {
            int v = a.read();
            if (v > 0) {
                throw new IllegalStateException("stage broke");
            }
            b.write(v);
        });
        CSPProcess consumer = process(() -> {
            while (true) b.read();
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new Par(producer, broken, consumer).run())
                .isInstanceOf(ProcessFailedException.class).hasRootCauseMessage("stage broke");
        assertThat(a.isPoisoned()).isTrue();
        assertThat(b.isPoisoned()).isTrue();
    }
}
