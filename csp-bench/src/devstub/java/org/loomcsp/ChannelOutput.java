package org.loomcsp;
/** DEV STUB. */
public interface ChannelOutput<T> {
    void write(T v) throws InterruptedException;
    boolean tryWrite(T v);
    void poison();
}
