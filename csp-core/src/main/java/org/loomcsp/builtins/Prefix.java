package org.loomcsp.builtins;

import java.util.Objects;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * Writes {@code prefixItem} once, then copies its input to its output: python-csp's {@code
 * Prefix(cin, cout, prefix_item=None)} ({@code [7, 1, 2, 3]} for prefix 7 and inputs 1, 2, 3).
 *
 * <p>Difference from python-csp: the item is required, because channels never carry {@code null}
 * (python-csp's default wrote {@code None}). Runs until poisoned; poison on either channel is
 * passed on to the other.
 *
 * @param <T> the type of the values
 */
public class Prefix<T> extends CSPServer {

    /** Creates the process (not started): writes {@code prefixItem}, then copies {@code cin} to {@code cout}. */
    public Prefix(ChannelInput<? extends T> cin, ChannelOutput<? super T> cout, T prefixItem) {
        super(step(cin, cout, prefixItem), cin, cout);
    }

    private static <T> Step step(ChannelInput<? extends T> cin, ChannelOutput<? super T> cout,
            T prefixItem) {
        Objects.requireNonNull(cin, "cin");
        Objects.requireNonNull(cout, "cout");
        Objects.requireNonNull(prefixItem, "prefixItem (channels never carry null)");
        boolean[] prefixed = {false};
        return () -> {
            if (!prefixed[0]) {
                cout.write(prefixItem);
                prefixed[0] = true;
            } else {
                cout.write(cin.read());
            }
            return true;
        };
    }
}
