package org.loomcsp.builtins;

import java.util.Objects;
import java.util.function.BiFunction;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;

/**
 * A server that combines two streams with a binary function: the base of python-csp's binary
 * operator builtins ({@link Plus}, {@link Xor}, {@link Lt}...), usable on its own:
 *
 * <pre>{@code
 * new BinaryProcess<String, Integer, String>(names, counts, out, (s, n) -> s.repeat(n)).start();
 * }</pre>
 *
 * <p>Each step reads {@code cin1}, <em>then</em> {@code cin2} (sequentially, as python-csp did),
 * and writes {@code op(a, b)} to {@code cout}. It runs until poisoned: poison met on any of its
 * three channels ends it and is passed on to the other two. An exception thrown by {@code op}
 * (for example an {@link ArithmeticException}) fails the process, which then poisons its
 * channels as well. The operator must not return {@code null} (channels reject it).
 *
 * @param <A> the type read from {@code cin1}
 * @param <B> the type read from {@code cin2}
 * @param <R> the type written to {@code cout}
 */
public class BinaryProcess<A, B, R> extends CSPServer {

    /**
     * Creates the process (not started).
     *
     * @param cin1 the first input, read first in each step
     * @param cin2 the second input
     * @param cout the output
     * @param op the function applied to each pair
     */
    public BinaryProcess(ChannelInput<? extends A> cin1, ChannelInput<? extends B> cin2,
            ChannelOutput<? super R> cout, BiFunction<? super A, ? super B, ? extends R> op) {
        super(step(cin1, cin2, cout, op), cin1, cin2, cout);
    }

    private static <A, B, R> Step step(ChannelInput<? extends A> cin1,
            ChannelInput<? extends B> cin2, ChannelOutput<? super R> cout,
            BiFunction<? super A, ? super B, ? extends R> op) {
        Objects.requireNonNull(cin1, "cin1");
        Objects.requireNonNull(cin2, "cin2");
        Objects.requireNonNull(cout, "cout");
        Objects.requireNonNull(op, "op");
        return () -> {
            A a = cin1.read();
            B b = cin2.read();
            cout.write(op.apply(a, b));
            return true;
        };
    }
}
