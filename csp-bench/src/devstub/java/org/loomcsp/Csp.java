package org.loomcsp;

/** DEV STUB. */
public final class Csp {
    private static volatile Backend backend = Backend.VIRTUAL;
    private Csp() {}
    public static CSPProcess process(CSPProcess.Body body, Object... args) { return new CSPProcess(body, args); }
    public static void run(CSPProcess... ps) throws InterruptedException { new Par(ps).run(); }
    public static Backend backend() { return backend; }
    public static void setBackend(Backend b) { backend = b; }
}
