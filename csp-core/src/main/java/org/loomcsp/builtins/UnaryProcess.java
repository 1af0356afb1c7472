package org.loomcsp.builtins;

import java.util.Objects;
import java.util.function.Function;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * A server that maps a stream through a function: the base of python-csp's unary operator
 * builtins ({@link Neg}, {@link Sin}, {@link Not}...), usable on its own.
 *
 * <p>Each step reads {@code cin} and writes {@code f(value)} to {@code cout}. It runs until
 * poisoned: poison met on either channel ends it and is passed on to the other. An exception
 * thrown by {@code f} fails the process, which then poisons both channels. The function must not
 * return {@code null} (channels reject it).
 *
 * @param <A> the type read
 * @param <R> the type written
 */
public class UnaryProcess<A, R> extends CSPServer {

    /**
     * Creates the process (not started).
     *
     * @param cin the input
     * @param cout the output
     * @param f the function applied to each value
     */
    public UnaryProcess(ChannelInput<? extends A> cin, ChannelOutput<? super R> cout,
            Function<? super A, ? extends R> f) {
        super(step(cin, cout, f), cin, cout);
    }

    private static <A, R> Step step(ChannelInput<? extends A> cin, ChannelOutput<? super R> cout,
            Function<? super A, ? extends R> f) {
        Objects.requireNonNull(cin, "cin");
        Objects.requireNonNull(cout, "cout");
        Objects.requireNonNull(f, "f");
        return () -> {
            cout.write(f.apply(cin.read()));
            return true;
        };
    }
}
