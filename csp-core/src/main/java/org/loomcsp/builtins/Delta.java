package org.loomcsp.builtins;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.loomcsp.Alt;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;
import org.loomcsp.Guard;

/**
 * Copies each input value to every output <em>in parallel</em>: occam's and JCSP's delta (not in
 * python-csp, whose {@link Splitter}/{@link Delta2} writes sequentially).
 *
 * <p>Each step reads {@code cin}, then offers the value on all outputs at once and completes the
 * writes in whatever order their readers come; the step ends when every output has taken the
 * value. No reader waits for another. Runs until poisoned; poison on any of its channels is
 * passed on to the others.
 *
 * @param <T> the type of the values
 */
/*
 * A parallel write without extra threads: an Alt over one output guard per output that has not
 * yet taken the value; each selection completes one write and removes that output. Every
 * remaining output is offered continuously until taken, which is what PAR of the writes gives.
 * The Alt is rebuilt for each value, since an output guard carries its value.
 */
public class Delta<T> extends CSPServer {

    /** Creates the process (not started): reads {@code cin}, writes each value to all {@code outs}. */
    @SafeVarargs
    public Delta(ChannelInput<? extends T> cin, ChannelOutput<? super T>... outs) {
        this(cin, List.of(outs));
    }

    /** Creates the process (not started): reads {@code cin}, writes each value to all {@code outs}. */
    public Delta(ChannelInput<? extends T> cin, List<? extends ChannelOutput<? super T>> outs) {
        super(step(cin, List.copyOf(outs)), cin, List.copyOf(outs));
    }

    private static <T> Step step(ChannelInput<? extends T> cin,
            List<? extends ChannelOutput<? super T>> outs) {
        Objects.requireNonNull(cin, "cin");
        if (outs.isEmpty()) {
            throw new IllegalArgumentException("a Delta needs at least one output");
        }
        return () -> {
            T v = cin.read();
            if (outs.size() == 1) {
                outs.get(0).write(v);
                return true;
            }
            List<Guard> pending = new ArrayList<>(outs.size());
            List<ChannelOutput<? super T>> left = new ArrayList<>(outs);
            for (ChannelOutput<? super T> out : outs) {
                pending.add(writeGuard(out, v));
            }
            while (pending.size() > 1) {
                Alt alt = new Alt(pending);
                alt.select();
                int i = alt.lastSelectedIndex();
                pending.remove(i);
                left.remove(i);
            }
            writeLast(left.get(0), v);
            return true;
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> Guard writeGuard(ChannelOutput<? super T> out, T v) {
        return ((ChannelOutput<Object>) out).writeGuard(v);
    }

    /** The last output is written directly: a plain write is cheaper than a one-guard Alt. */
    @SuppressWarnings("unchecked")
    private static void writeLast(ChannelOutput<?> last, Object v) throws InterruptedException {
        ((ChannelOutput<Object>) last).write(v);
    }
}
