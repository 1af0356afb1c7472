package org.loomcsp.internal.trace;

import java.util.List;
import org.loomcsp.CSPProcess;

/**
 * A door from the internal packages into package-private parts of {@code org.loomcsp}, installed
 * by {@code CSPProcess}'s static initialiser (the JDK's "shared secrets" pattern).
 */
public interface ProcessAccess {

    /**
     * The channel cores ({@code internal.channel.ChannelCore}) and barriers that {@code p} knows:
     * those reachable from its constructor arguments and {@code uses(...)}.
     */
    List<Object> knownResources(CSPProcess p);

    /** The installed access. */
    static ProcessAccess get() {
        return Holder.access;
    }

    /** Installs the access; called once by CSPProcess. */
    static void set(ProcessAccess a) {
        Holder.access = a;
    }

    /** Holds the installed instance. */
    final class Holder {
        static volatile ProcessAccess access;

        private Holder() {}
    }
}
