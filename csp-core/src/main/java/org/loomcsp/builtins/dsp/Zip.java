package org.loomcsp.builtins.dsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Gathers one value from each input, in list order, and writes them as a list: python-csp's
 * {@code dsp.Zip(outchan, inchannels)}, with the arguments inputs first. Runs until poisoned;
 * poison on any of its channels is passed on to the others.
 *
 * @param <T> the type of the values
 */
public class Zip<T> extends CSPServer {

    /** Creates the process (not started): reads every input in turn, writes the list to {@code cout}. */
    public Zip(List<? extends ChannelInput<? extends T>> ins, ChannelOutput<? super List<T>> cout) {
        super(step(List.copyOf(ins), cout), List.copyOf(ins), cout);
    }

    private static <T> Step step(List<? extends ChannelInput<? extends T>> ins,
            ChannelOutput<? super List<T>> cout) {
        Objects.requireNonNull(cout, "cout");
        return () -> {
            List<T> values = new ArrayList<>(ins.size());
            for (ChannelInput<? extends T> in : ins) {
                values.add(in.read());
            }
            cout.write(List.copyOf(values));
            return true;
        };
    }
}
