/**
 * Channel and Alt machinery: ChannelCore (one channel), Selector (the Alt engine), Sync/Node (waiting parties), Mutex (the lock a channel is).
 *
 * <p>Not exported: may change without notice.
 */
package org.loomcsp.internal.channel;
