package org.loomcsp.builtins.dsp;

import java.util.List;
import java.util.Objects;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Scatters each input list: element {@code i} goes to output {@code i}, in order. python-csp's
 * {@code dsp.Unzip(inchan, outchans)}, which raised {@code TypeError} on every list ({@code
 * range(data)} for {@code range(len(data))}). A list whose length differs from the number of
 * outputs fails the process with {@link IllegalArgumentException}. Runs until poisoned; poison on
 * any of its channels is passed on to the others.
 *
 * @param <T> the type of the values
 */
public class Unzip<T> extends CSPServer {

    /** Creates the process (not started): reads lists from {@code cin}, writes element i to {@code outs.get(i)}. */
    public Unzip(ChannelInput<? extends List<? extends T>> cin,
            List<? extends ChannelOutput<? super T>> outs) {
        super(step(cin, List.copyOf(outs)), cin, List.copyOf(outs));
    }

    private static <T> Step step(ChannelInput<? extends List<? extends T>> cin,
            List<? extends ChannelOutput<? super T>> outs) {
        Objects.requireNonNull(cin, "cin");
        return () -> {
            List<? extends T> values = cin.read();
            if (values.size() != outs.size()) {
                throw new IllegalArgumentException("Unzip has " + outs.size()
                        + " outputs but read a list of " + values.size());
            }
            for (int i = 0; i < values.size(); i++) {
                outs.get(i).write(values.get(i));
            }
            return true;
        };
    }
}
