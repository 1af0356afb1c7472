package org.loomcsp;
/** DEV STUB. */
public interface ChannelInput<T> extends Guard {
    T read() throws InterruptedException;
    T tryRead();
    void poison();
}
