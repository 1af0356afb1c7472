package org.loomcsp.builtins;

import java.io.Flushable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.loomcsp.CSPServer;
import org.loomcsp.ChannelInput;

/**
 * Prints every value it reads: {@code String.valueOf(value) + "\n"}, python-csp's {@code
 * Printer(cin, out=sys.stdout)}.
 *
 * <p>Difference from python-csp: it flushes after each value (when the destination is {@link
 * Flushable}), so output is not lost or delayed when the network is shut down by poison. The
 * line separator is {@code "\n"} on every platform, as in python-csp. A failure to write ({@link
 * IOException}) fails the process, which then poisons its channel. Runs until its channel is
 * poisoned.
 */
public class Printer extends CSPServer {

    /** Creates a printer (not started) that prints to {@link System#out}. */
    public Printer(ChannelInput<?> cin) {
        this(cin, System.out);
    }

    /** Creates a printer (not started) that appends to {@code out} (a PrintStream, Writer, StringBuilder...). */
    public Printer(ChannelInput<?> cin, Appendable out) {
        super(step(cin, out), cin);
    }

    private static Step step(ChannelInput<?> cin, Appendable out) {
        Objects.requireNonNull(cin, "cin");
        Objects.requireNonNull(out, "out");
        return () -> {
            String line = cin.read() + "\n";
            try {
                out.append(line);
                if (out instanceof Flushable f) {
                    f.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        };
    }
}
