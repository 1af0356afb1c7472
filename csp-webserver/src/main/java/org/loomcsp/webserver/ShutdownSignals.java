package org.loomcsp.webserver;

/**
 * Turns SIGTERM and SIGINT (Ctrl-C) into a graceful shutdown instead of an abrupt JVM exit, so
 * that the process can finish requests in flight, flush the access log and exit with status 0.
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported, present in every JDK). If it is not
 * available, a shutdown hook starts the same shutdown; the JVM's exit status is then 143/130.
 */
final class ShutdownSignals {
    private ShutdownSignals() {}

    static void install(Runnable shutdown) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> shutdown.run());
            }
        } catch (RuntimeException | LinkageError e) {
            Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "shutdown"));
        }
    }
}
