package org.loomcsp.builtins;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;
import org.loomcsp.Par;

/**
 * A test harness for builtins: producers feed the process under test, a collector takes {@code
 * n} outputs and then poisons every channel of the harness, and the whole network runs in a
 * {@link Par} that must end (so a builtin that did not shut down on poison fails the test by
 * the global timeout).
 */
final class Harness {

    private Harness() {}

    /** A producer: writes {@code values} to {@code channel}, then ends (without poisoning). */
    record Feed<T>(Channel<T> channel, List<T> values) {
        CSPProcess process() {
            return new CSPProcess(() -> {
                for (T v : values) {
                    channel.write(v);
                }
            }, channel);
        }
    }

    @SafeVarargs
    static <T> Feed<T> feed(Channel<T> channel, T... values) {
        return new Feed<>(channel, Arrays.asList(values));
    }

    static <T> Feed<T> feed(Channel<T> channel, List<T> values) {
        return new Feed<>(channel, values);
    }

    /**
     * Runs {@code underTest} with the feeds, collects {@code n} values from {@code out}, then
     * poisons {@code out} and every fed channel, and waits for every process to end.
     */
    static <T> List<T> collect(int n, ChannelInput<T> out, CSPProcess underTest, Feed<?>... feeds)
            throws InterruptedException {
        List<T> got = Collections.synchronizedList(new ArrayList<>());
        List<ChannelInput<?>> all = new ArrayList<>();
        all.add(out);
        for (Feed<?> f : feeds) {
            all.add(f.channel());
        }
        CSPProcess collector = new CSPProcess(() -> {
            for (int i = 0; i < n; i++) {
                got.add(out.read());
            }
            for (ChannelInput<?> c : all) {
                c.poison();
            }
        });
        List<CSPProcess> procs = new ArrayList<>();
        for (Feed<?> f : feeds) {
            procs.add(f.process());
        }
        procs.add(underTest);
        procs.add(collector);
        new Par(procs).run();
        return new ArrayList<>(got);
    }

    /** Reads {@code in} until it is poisoned; returns what it read. */
    static <T> CSPProcess drain(ChannelInput<T> in, List<T> into) {
        return new CSPProcess(() -> {
            while (true) {
                into.add(in.read());
            }
        }, in);
    }
}
