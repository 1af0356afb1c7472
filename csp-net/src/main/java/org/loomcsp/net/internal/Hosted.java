package org.loomcsp.net.internal;

import java.util.concurrent.atomic.AtomicReference;
import org.loomcsp.Channel;
import org.loomcsp.net.Codec;

/**
 * A channel hosted by a node under a name, with the codec its ends must use, and who poisoned it
 * through the network ({@code poisonedBy}: a remote end's reason, or a lost peer; first cause
 * wins; empty when it was poisoned at the home by a local process, which core does not record).
 */
record Hosted(String name, Channel<Object> channel, Codec<Object> codec, AtomicReference<String> poisonedBy) {
    Hosted(String name, Channel<Object> channel, Codec<Object> codec) {
        this(name, channel, codec, new AtomicReference<>());
    }

    /** Poisons the channel, recording why if nobody did before. */
    void poison(String why) {
        poisonedBy.compareAndSet(null, why);
        channel.poison();
    }

    /** The reason a Poison frame carries to the remote ends. */
    String poisonReason(String homeName) {
        String by = poisonedBy.get();
        return "channel '" + name + "' poisoned at " + homeName + (by == null ? "" : " (" + by + ")");
    }
}
