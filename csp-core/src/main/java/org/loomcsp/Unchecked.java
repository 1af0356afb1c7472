package org.loomcsp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Adapters from code that may throw (channel reads and writes throw {@code InterruptedException})
 * to the {@code java.util.function} interfaces that streams, {@code forEach} and iterators take:
 *
 * <pre>{@code
 * import static org.loomcsp.Unchecked.*;
 *
 * List.of(1, 2, 3).forEach(consumer(out::write));            // forEach(out::write) cannot compile
 * Stream.generate(supplier(in::read)).limit(3).toList();
 * CSPServer squares = forever(() -> Stream.iterate(1, n -> n + 1)
 *         .map(function(n -> { out.write(n * n); return n; })).iterator());
 * }</pre>
 *
 * <p>What the adapted code throws: {@link RuntimeException}s and {@link Error}s as they are
 * ({@link ChannelPoison} included, so poison spreads as usual); an {@code InterruptedException}
 * as {@link ProcessInterruptedException}, with the interrupt status set again (a process ending
 * with it after {@code terminate()} counts as terminated); an {@link IOException} as {@link
 * UncheckedIOException}; any other checked exception as {@link UndeclaredThrowableException}.
 * The names are not {@code unchecked(...)} overloads because a method reference such as {@code
 * in::read} would fit several of them.
 */
public final class Unchecked {

    private Unchecked() {}

    /** A consumer that may throw. */
    @FunctionalInterface
    public interface ThrowingConsumer<T> {
        /** Accepts {@code t}. */
        void accept(T t) throws Exception;
    }

    /** A supplier that may throw. */
    @FunctionalInterface
    public interface ThrowingSupplier<T> {
        /** Supplies a value. */
        T get() throws Exception;
    }

    /** A function that may throw. */
    @FunctionalInterface
    public interface ThrowingFunction<A, R> {
        /** Applies the function. */
        R apply(A a) throws Exception;
    }

    /** {@code c} as a {@link Consumer}: {@code forEach(consumer(out::write))}. */
    public static <T> Consumer<T> consumer(ThrowingConsumer<? super T> c) {
        java.util.Objects.requireNonNull(c, "consumer(c): c is null");
        return t -> {
            try {
                c.accept(t);
            } catch (Exception e) {
                throw rethrow(e);
            }
        };
    }

    /** {@code s} as a {@link Supplier}: {@code Stream.generate(supplier(in::read))}. */
    public static <T> Supplier<T> supplier(ThrowingSupplier<? extends T> s) {
        java.util.Objects.requireNonNull(s, "supplier(s): s is null");
        return () -> {
            try {
                return s.get();
            } catch (Exception e) {
                throw rethrow(e);
            }
        };
    }

    /** {@code f} as a {@link Function}: {@code map(function(n -> { out.write(n); return n; }))}. */
    public static <A, R> Function<A, R> function(ThrowingFunction<? super A, ? extends R> f) {
        java.util.Objects.requireNonNull(f, "function(f): f is null");
        return a -> {
            try {
                return f.apply(a);
            } catch (Exception e) {
                throw rethrow(e);
            }
        };
    }

    /** Runs {@code s} and returns its value, unchecked: {@code int v = call(in::read);}. */
    public static <T> T call(ThrowingSupplier<? extends T> s) {
        try {
            return s.get();
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(Exception e) {
        if (e instanceof RuntimeException r) {
            return r;
        }
        if (e instanceof InterruptedException ie) {
            Thread.currentThread().interrupt();
            return new ProcessInterruptedException(ie);
        }
        if (e instanceof IOException io) {
            return new UncheckedIOException(io);
        }
        return new UndeclaredThrowableException(e);
    }
}
