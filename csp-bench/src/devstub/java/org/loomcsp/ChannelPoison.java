package org.loomcsp;
/** DEV STUB. */
public class ChannelPoison extends RuntimeException {
    public ChannelPoison() { super("poisoned", null, false, false); }
}
