package org.loomcsp.net.internal;

/** Temporary stall diagnostics: -Dloomcsp.net.debug=true prints link events to stderr. */
final class Debug {
    private Debug() {}

    static void d(String s) {
        if (Boolean.getBoolean("loomcsp.net.debug")) {
            System.err.println("NETDEBUG " + System.nanoTime() / 1_000_000 + " [" + Thread.currentThread().getName() + "] " + s);
        }
    }
}
