package org.loomcsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.loomcsp.Csp.forever;
import static org.loomcsp.Csp.process;
import static org.loomcsp.Unchecked.call;
import static org.loomcsp.Unchecked.consumer;
import static org.loomcsp.Unchecked.function;
import static org.loomcsp.Unchecked.supplier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.loomcsp.testing.BackendTest;

/**
 * Channel operations in places that take java.util.function interfaces (forEach, streams, an
 * iterator server), and fluent calls that keep their type (issue 14, items 4 and 6).
 */
class UncheckedAndFluentApiTest {

    /** forEach(consumer(out::write)) writes every element; supplier(in::read) reads them. */
    @BackendTest
    void forEachWritesAndStreamGenerateReadsThroughAChannel(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        List<Integer> got = new ArrayList<>();
        new Par(
                process(() -> List.of(1, 2, 3).forEach(consumer(c::write))),
                process(() -> got.addAll(Stream.generate(supplier(c::read)).limit(3).toList())))
                .run();
        assertThat(got).containsExactly(1, 2, 3);
    }

    /**
     * An iterator-form server writes to a channel from inside its stream, with no try/catch; it
     * ends through poison like any process.
     */
    @BackendTest
    void iteratorServerWritesToAChannelAndEndsOnPoison(Backend backend) throws Exception {
        Channel<Integer> squares = new Channel<>();
        CSPServer server = forever(() -> Stream.iterate(1, n -> n + 1)
                .map(function(n -> {
                    squares.write(n * n);
                    return n;
                })).iterator()).name("squares");
        List<Integer> got = new ArrayList<>();
        CSPProcess reader = process(() -> {
            for (int i = 0; i < 4; i++) got.add(squares.read());
            squares.poison();
        });
        new Par(server, reader).run();
        assertThat(got).containsExactly(1, 4, 9, 16);
        assertThat(server.wasTerminated()).isFalse();
    }

    /** terminate() of a process blocked in an adapted write: terminated, not failed. */
    @BackendTest
    void terminateDuringAnAdaptedWriteCountsAsTerminated(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        CountDownLatch writing = new CountDownLatch(1);
        CSPProcess p = process(() -> {
            writing.countDown();
            List.of(1).forEach(consumer(c::write));   // nobody reads
        }).start();
        writing.await();
        p.terminate();
        p.join();
        assertThat(p.wasTerminated()).isTrue();
        assertThat(p.failure()).isNull();
    }

    /** What the adapters throw: runtime exceptions as they are, others wrapped by kind. */
    @Test
    void adaptersWrapCheckedExceptionsByKind() {
        assertThatThrownBy(() -> call(() -> {
            throw new IOException("disk");
        })).isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("disk");
        assertThatThrownBy(() -> call(() -> {
            throw new ChannelPoison("c");
        })).isInstanceOf(ChannelPoison.class);
        assertThatThrownBy(() -> call(() -> {
            throw new InterruptedException("stop");
        })).isInstanceOf(ProcessInterruptedException.class).hasCauseInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).as("interrupt status set again").isTrue();
        assertThat(call(() -> 42)).isEqualTo(42);
    }

    /** name(), uses(), backend() and start() keep the type of a server, a Par and a Seq. */
    @BackendTest
    void fluentCallsKeepTheirType(Backend backend) throws Exception {
        Channel<Integer> c = new Channel<>();
        CSPServer s = forever((CSPServer.Step) () -> false).name("s").uses(c).backend(backend);
        Par par = new Par(s).name("p").uses(c);
        Seq seq = new Seq(par).name("q").backend(backend);
        Seq started = seq.start();
        started.join();
        assertThat(s.getName()).isEqualTo("s");
        assertThat(s.steps()).isEqualTo(1);
        assertThat(par.getName()).isEqualTo("p");
    }

    /** choice over channels returns the channels' type; with other guards it returns Object. */
    @BackendTest
    void choiceOverChannelsIsTyped(Backend backend) throws Exception {
        Channel<Integer> a = Channel.buffered(1);
        Channel<Integer> b = Channel.buffered(1);
        a.write(20);
        b.write(22);
        int first = Csp.choice(a, b);
        int second = Csp.choice(a, b);
        assertThat(first + second).isEqualTo(42);
        Object skipped = Csp.choice(a, new Skip());
        assertThat(skipped).isEqualTo(Skip.SKIPPED);
    }

    /** repeat(n) fits a for-each loop and makes exactly n selections; it iterates once. */
    @BackendTest
    void repeatIsIterableInAForEachLoop(Backend backend) throws Exception {
        Channel<Integer> a = Channel.buffered(3);
        for (int i = 1; i <= 3; i++) {
            a.write(i);
        }
        Alt alt = new Alt(a);
        int sum = 0;
        Alt.Selections three = alt.repeat(3);
        for (Object v : three) {
            sum += (Integer) v;
        }
        assertThat(sum).isEqualTo(6);
        assertThatThrownBy(three::iterator).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("once");
    }

    /** selected(guard) and lastValue(input) give the selection typed by its guard. */
    @BackendTest
    void lastValueIsTypedByTheSelectedInput(Backend backend) throws Exception {
        Channel<Integer> numbers = Channel.buffered(1);
        Channel<String> words = Channel.buffered(1);
        numbers.write(41);
        Alt alt = new Alt(Guard.when(true, numbers), words);
        alt.priSelect();
        assertThat(alt.selected(numbers)).isTrue();
        assertThat(alt.selected(words)).isFalse();
        int n = alt.lastValue(numbers);
        assertThat(n + 1).isEqualTo(42);
        assertThatThrownBy(() -> alt.lastValue(words)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("selected(input)");
        words.write("w");
        alt.priSelect();
        String w = alt.lastValue(words);
        assertThat(w).isEqualTo("w");
    }
}
