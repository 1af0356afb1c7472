package org.loomcsp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** DEV STUB. */
public class CSPProcess {
    @FunctionalInterface public interface Body { void run() throws Exception; }
    @FunctionalInterface public interface Body1<A> { void run(A a) throws Exception; }

    private final Body body;
    private final List<Object> channels = new ArrayList<>();
    private Backend backend = Csp.backend();
    private Thread thread;
    private volatile Throwable failure;

    public CSPProcess(Body body, Object... args) { this.body = body; uses(args); }
    public CSPProcess(String name, Body body, Object... args) { this(body, args); }
    public <A> CSPProcess(Body1<A> f, A a) { this(() -> f.run(a), a); }

    public CSPProcess uses(Object... args) { for (Object a : args) channels.add(a); return this; }
    public CSPProcess backend(Backend b) { this.backend = b; return this; }

    protected void body() throws Exception { body.run(); }

    public CSPProcess start() {
        if (thread != null) throw new IllegalStateException("started");
        Runnable r = () -> {
            try { body(); }
            catch (ChannelPoison p) { poisonAll(channels); }
            catch (Throwable t) { failure = t; poisonAll(channels); }
        };
        thread = backend == Backend.VIRTUAL ? Thread.ofVirtual().start(r) : Thread.ofPlatform().start(r);
        return this;
    }

    private static void poisonAll(Object o) {
        if (o instanceof ChannelInput<?> c) c.poison();
        else if (o instanceof ChannelOutput<?> c) c.poison();
        else if (o instanceof Object[] a) for (Object x : a) poisonAll(x);
        else if (o instanceof Collection<?> c) for (Object x : c) poisonAll(x);
    }

    public void join() throws InterruptedException {
        thread.join();
        if (failure != null) throw new ProcessFailedException(failure);
    }
    public void run() throws InterruptedException { start(); join(); }
    public boolean isAlive() { return thread != null && thread.isAlive(); }
}
