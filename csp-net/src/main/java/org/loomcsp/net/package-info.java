/**
 * Channels between JVMs and machines, over gRPC.
 *
 * <p>A {@link org.loomcsp.net.CspNode} hosts ordinary loomcsp {@link org.loomcsp.Channel}s by name;
 * a process on any node writes to one through a {@link org.loomcsp.net.NetChannelOutput} and reads
 * from one through an ordinary {@link org.loomcsp.ChannelInput} (usable in an {@link org.loomcsp.Alt}),
 * both obtained for a URI {@code csp://host:port/name}. Values cross the network through a
 * {@link org.loomcsp.net.Codec}. What is and is not promised across a network is stated on
 * {@code CspNode} and in {@code docs/net.md}; a lost peer surfaces as {@link org.loomcsp.net.PeerLost}.
 */
package org.loomcsp.net;
