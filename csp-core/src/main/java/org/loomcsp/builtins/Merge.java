package org.loomcsp.builtins;

import java.util.List;
import java.util.Objects;
import org.loomcsp.Alt;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Merges any number of inputs in the order their values arrive: occam's and JCSP's fair
 * multiplexer (not in python-csp, whose {@link Mux2} alternates strictly).
 *
 * <p>Each step selects a ready input with {@link Alt#fairSelect()} (so a busy input cannot
 * starve the others: the previous choice is not taken again while another input is ready) and
 * writes its value to {@code cout}. Runs until poisoned; poison on any input (seen by the Alt)
 * or on the output is passed on to all its channels.
 *
 * @param <T> the type of the values
 */
public class Merge<T> extends CSPServer {

    /** Creates the process (not started): merges {@code ins} onto {@code cout}. */
    public Merge(List<? extends ChannelInput<? extends T>> ins, ChannelOutput<? super T> cout) {
        super(step(List.copyOf(ins), cout), List.copyOf(ins), cout);
    }

    @SuppressWarnings("unchecked")
    private static <T> Step step(List<? extends ChannelInput<? extends T>> ins,
            ChannelOutput<? super T> cout) {
        Objects.requireNonNull(cout, "cout");
        if (ins.isEmpty()) {
            throw new IllegalArgumentException("a Merge needs at least one input");
        }
        Alt alt = new Alt(ins);
        return () -> {
            cout.write((T) alt.fairSelect());
            return true;
        };
    }
}
