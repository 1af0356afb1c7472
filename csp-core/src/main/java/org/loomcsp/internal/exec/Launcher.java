package org.loomcsp.internal.exec;

import org.loomcsp.Backend;

/**
 * Creates the thread of a process for a backend. The two backends differ only here: channel,
 * Alt and barrier code is the same for both.
 */
public final class Launcher {

    private static final Thread.Builder.OfVirtual VIRTUAL = Thread.ofVirtual();
    private static final Thread.Builder.OfPlatform PLATFORM = Thread.ofPlatform().daemon(true);

    private Launcher() {}

    /**
     * Starts {@code task} on a new thread of {@code backend}.
     *
     * @param name the thread name, or {@code null} to leave the thread unnamed (cheaper)
     */
    public static Thread start(Backend backend, String name, Runnable task) {
        Thread t = switch (backend) {
            case VIRTUAL -> VIRTUAL.unstarted(task);
            case PLATFORM -> PLATFORM.unstarted(task);
        };
        if (name != null) {
            t.setName(name);
        }
        t.start();
        return t;
    }
}
