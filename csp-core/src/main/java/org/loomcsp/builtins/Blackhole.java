package org.loomcsp.builtins;

import java.util.Objects;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelInput;

/**
 * Reads and discards everything: python-csp's {@code Blackhole(cin)}. Runs until its channel is
 * poisoned.
 */
public class Blackhole extends CSPServer {

    /** Creates the process (not started): reads {@code cin} for ever. */
    public Blackhole(ChannelInput<?> cin) {
        super(step(cin), cin);
    }

    private static Step step(ChannelInput<?> cin) {
        Objects.requireNonNull(cin, "cin");
        return () -> {
            cin.read();
            return true;
        };
    }
}
