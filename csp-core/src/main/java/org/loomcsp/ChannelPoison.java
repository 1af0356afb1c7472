package org.loomcsp;

/**
 * Thrown by every operation on a poisoned channel, and to every process that was blocked on a
 * channel when it was poisoned.
 *
 * <p>Poison is the way to shut a network of processes down. It is unchecked so that it passes
 * through process bodies untouched: a process whose body ends with {@code ChannelPoison} poisons
 * the channels it was given (see {@link CSPProcess}) and then ends quietly, so poison spreads
 * along the network until every process has ended.
 *
 * <p>Poison is control flow, not an error: shutting down a network of a million processes throws
 * a million of these. So, by default, a {@code ChannelPoison} carries no stack trace (filling one
 * in was the largest cost of winding a large network down). Set {@code
 * -Dcsp.poison.stackTraces=true} to get stack traces while debugging.
 */
public class ChannelPoison extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private static final boolean STACK_TRACES = Boolean.getBoolean("csp.poison.stackTraces");

    /** Creates the exception for a channel with the given name. */
    public ChannelPoison(String channelName) {
        super("Channel " + channelName + " is poisoned", null, true, STACK_TRACES);
    }

    /** Creates the exception with a message of the caller's. */
    public ChannelPoison(String message, Throwable cause) {
        super(message, cause, true, STACK_TRACES);
    }
}
