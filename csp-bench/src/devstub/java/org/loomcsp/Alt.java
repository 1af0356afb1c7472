package org.loomcsp;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/** DEV STUB: polling Alt over channel inputs. */
public final class Alt {
    private final Guard[] guards;
    private int last = -1;
    public Alt(Guard... guards) { this.guards = guards; }
    public Object priSelect() { return pick(0); }
    public Object select() { return pick(ThreadLocalRandom.current().nextInt(guards.length)); }
    public Object fairSelect() { return pick(last + 1); }
    public int lastSelectedIndex() { return last; }
    private Object pick(int start) {
        while (true) {
            for (int k = 0; k < guards.length; k++) {
                int i = Math.floorMod(start + k, guards.length);
                Object v = ((ChannelInput<?>) guards[i]).tryRead();
                if (v != null) { last = i; return v; }
            }
            LockSupport.parkNanos(1_000);
        }
    }
}
