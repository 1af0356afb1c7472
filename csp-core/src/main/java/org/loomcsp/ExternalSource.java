package org.loomcsp;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.loomcsp.internal.deadlock.OutsideSources;

/**
 * Something outside the process network that may complete channel operations at any time: a
 * network connection whose callbacks write to a channel, a GUI event thread, a device. Open one
 * for as long as such a source can act, and close it when it can no longer.
 *
 * <p>The deadlock detector (see {@link Csp#setDeadlockDetection(boolean)}) judges processes and
 * the threads it can see; it cannot know that, say, a network library's daemon thread will write
 * to a channel a process waits on. While any source is open, the detector therefore reports no
 * deadlock, and the JVM is not ended for processes abandoned after {@code main} (ADR 0070):
 * Go's runtime likewise never declares "all goroutines are asleep" while one waits on the
 * network. {@code csp-net}'s node holds one from {@code start()} to {@code close()}.
 *
 * <pre>{@code
 * try (ExternalSource gui = ExternalSource.open("Swing events")) {
 *     ... processes that read clicks written by the event thread ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} is idempotent.
 */
public final class ExternalSource implements AutoCloseable {
    private final String description;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private ExternalSource(String description) {
        this.description = description;
    }

    /**
     * Opens a source.
     *
     * @param description what the source is, for diagnostics (e.g. "csp-net node :7000")
     * @return the open source; close it when the source can no longer act
     * @throws NullPointerException if {@code description} is null
     */
    public static ExternalSource open(String description) {
        Objects.requireNonNull(description, "description: say what the outside source is");
        OutsideSources.opened();
        return new ExternalSource(description);
    }

    /** Whether this source is still open. */
    public boolean isOpen() {
        return open.get();
    }

    /** Closes this source: the detector may judge deadlocks again once no source is open. */
    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            OutsideSources.closed();
        }
    }

    @Override
    public String toString() {
        return "ExternalSource[" + description + (isOpen() ? "" : ", closed") + "]";
    }
}
