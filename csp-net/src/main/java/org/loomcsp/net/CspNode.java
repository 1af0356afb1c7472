package org.loomcsp.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelPoison;
import org.loomcsp.net.internal.Config;
import org.loomcsp.net.internal.Node;

/**
 * A node of a distributed CSP network: it hosts channels by name, and gives the processes of
 * its JVM ends of channels hosted anywhere, over gRPC.
 *
 * <pre>{@code
 * // node A: the channel's home
 * CspNode a = CspNode.builder().port(7001).build().start();
 * Channel<Job> jobs = new Channel<>("jobs");
 * a.host("jobs", jobs, Codec.java(Job.class));          // local processes use `jobs` as usual
 *
 * // node B, another JVM or machine
 * CspNode b = CspNode.builder().build().start();
 * NetChannelOutput<Job> out = b.output(URI.create("csp://hostA:7001/jobs"), Codec.java(Job.class));
 * ChannelInput<Job> in = b.input(URI.create("csp://hostA:7001/jobs"), Codec.java(Job.class));
 * }</pre>
 *
 * <h2>What is promised</h2>
 * <ul>
 *   <li><b>Rendezvous:</b> a {@linkplain NetChannelOutput#write remote write} returns only after a
 *       reader at the channel's home node has taken the value (a window of one value, and an
 *       acknowledgement). A writer never returns believing an undelivered value was delivered.
 *   <li><b>Any-to-any:</b> any number of local and remote writers and readers, on any nodes; each
 *       value goes to exactly one reader.
 *   <li><b>Remote reads are guards:</b> {@link #input} returns an ordinary {@link ChannelInput},
 *       fed one value at a time, that takes part in an {@link org.loomcsp.Alt} with local
 *       channels and timers. A remote reader's request at the home counts as "a reader at the
 *       home": the home holds at most one value for its end until a reader there takes it. If the
 *       end is closed in order first, the value goes back into the channel.
 *   <li><b>Poison</b> crosses the network both ways: poisoning any end poisons the channel at
 *       its home, and every waiting reader and writer on every node is woken with {@link
 *       ChannelPoison}.
 *   <li><b>Faults:</b> a peer that dies, or from which nothing is heard for the {@linkplain
 *       Builder#peerTimeout peer timeout} (partition, stopped process), poisons the ends that
 *       depended on it: ends on this node whose home it was get {@link PeerLost} naming it, and
 *       (unless {@link Builder#poisonOnPeerLoss(boolean)} is off) channels hosted here that it
 *       had ends of are poisoned, as a failed process poisons its channels. No process waits
 *       for ever on a lost peer.
 *   <li><b>Never duplicated:</b> each value is sent once and acknowledged once; nothing is ever
 *       re-sent. A value in flight when a peer is lost is <em>in doubt</em> (it may or may not
 *       have been taken): the writer gets {@link PeerLost#inDoubt()}, the home logs it.
 * </ul>
 * <h2>What is not promised</h2> Fairness across nodes (an Alt's choice among remote ends is
 * fair only among values that have arrived), a bound on latency (a slow network is a slow
 * channel, and a network that is silent for longer than the peer timeout is a fault), and
 * exactly-once delivery through the loss of a node (at most once, and the doubt is reported).
 *
 * <h2>Security</h2> A node listens on the loopback address only, unless {@link
 * Builder#bindAddress(String)} says otherwise. {@link Builder#tls(TlsConfig)} turns on TLS (mTLS
 * with {@link TlsConfig#requireClientCertificates()}); {@link Builder#token(String)} makes every
 * call carry, and every node check, a shared token.
 *
 * <p>Thread-safe. {@link #close()} closes the node's ends in order (no poison is sent), tells the
 * remote ends of its hosted channels that their home is gone (they are poisoned), and stops the
 * server; the hosted {@link Channel}s themselves are left as they are.
 */
public final class CspNode implements AutoCloseable {
    private final Node node;

    private CspNode(Config config) {
        this.node = new Node(config);
    }

    /** A builder with the defaults: loopback, any free port, 10 s peer timeout, plaintext. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the node's server.
     *
     * @return this node
     * @throws UncheckedIOException if the port cannot be bound
     * @throws IllegalStateException if already started
     */
    public CspNode start() {
        try {
            node.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the csp-net node: " + e.getMessage()
                    + " (is the port in use? choose another with CspNode.builder().port(...))", e);
        }
        return this;
    }

    /** The node's URI: {@code csp://host:port}, or {@code csp+inproc://name} for an in-process node. */
    public URI uri() {
        return node.uri();
    }

    /** The URI of the channel this node hosts (or would host) under {@code channelName}. */
    public URI uri(String channelName) {
        return URI.create(node.uri() + "/" + channelName);
    }

    /** The TCP port the node listens on (-1 for an in-process node). */
    public int port() {
        return node.port();
    }

    /** How this node names itself to its peers. */
    public String name() {
        return node.name();
    }

    /**
     * Hosts {@code channel} under {@code name}: ends on any node can then reach it at {@link
     * #uri(String) uri(name)}. Local processes keep using the channel directly.
     *
     * <p>The channel keeps its own semantics for remote ends: a remote write returns when a local
     * write of the same value would have, so on an unbuffered channel once a reader took the value
     * (rendezvous), and on a {@link Channel#buffered(String, int) buffered} one once the value is
     * in the home's buffer (the home acknowledges at once while the buffer has room).
     *
     * @throws IllegalArgumentException if the name is not a simple path segment ({@code [A-Za-z0-9._~-]+})
     * @throws IllegalStateException if a channel is already hosted under that name
     */
    public <T> Channel<T> host(String name, Channel<T> channel, Codec<T> codec) {
        node.host(name, channel, codec);
        return channel;
    }

    /** Creates an unbuffered channel, hosts it under {@code name}, and returns it. */
    public <T> Channel<T> host(String name, Codec<T> codec) {
        return host(name, new Channel<>(name), codec);
    }

    /** Stops hosting {@code name}: later ends are refused; connected ends keep working. */
    public boolean unhost(String name) {
        return node.unhost(name);
    }

    /**
     * A writing end of the channel at {@code uri} ({@code csp://host:port/name}). Connects at
     * once; if the home is not up yet, the first write waits for it, up to the peer timeout.
     * Refusal (no such channel, another codec, a wrong token) poisons the end with a message that
     * says what to fix.
     */
    public <T> NetChannelOutput<T> output(URI uri, Codec<T> codec) {
        return node.output(uri, codec);
    }

    /**
     * A reading end of the channel at {@code uri}: an ordinary {@link ChannelInput} (an Alt guard)
     * fed by this node one value at a time. Poisoning it poisons the channel at its home. Its
     * name is the URI, so the {@link ChannelPoison} of a lost home names the peer; {@link
     * #fault(ChannelInput)} gives the {@link PeerLost} itself.
     */
    public <T> ChannelInput<T> input(URI uri, Codec<T> codec) {
        return node.input(uri, codec);
    }

    /**
     * Why the network poisoned a reading end of this node, if it did: a lost home ({@link
     * PeerLost}), a home that refused the end, or poison at the home, whose message says where and,
     * if a remote end or a lost peer caused it, who ("channel 'c' poisoned at home (poisoned by
     * worker-2)"). Empty if the end was poisoned here, by a local process.
     */
    public Optional<ChannelPoison> fault(ChannelInput<?> input) {
        return Optional.ofNullable(node.fault(input));
    }

    /**
     * Closes a reading end in order: the channel is not poisoned; a value taken for this end and
     * not yet read here goes back into the channel at its home.
     *
     * @return false if {@code input} is not an open end of this node
     */
    public boolean close(ChannelInput<?> input) {
        return node.closeInput(input);
    }

    /** Closes the node (see the class comment). Idempotent. */
    @Override
    public void close() {
        node.close();
    }

    @Override
    public String toString() {
        return "CspNode[" + node.name() + "]";
    }

    /** Settings of a {@link CspNode}. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port;
        private String inProcessName;
        private Duration peerTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(30);
        private TlsConfig tls;
        private String token;
        private boolean poisonOnPeerLoss = true;
        private String name;

        private Builder() {}

        /** The TCP port (default 0: any free port; read it back with {@link CspNode#port()}). */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The address to listen on (default {@code 127.0.0.1}: only this machine can connect).
         * Give {@code "0.0.0.0"} or an interface's address to accept other machines, preferably
         * with {@link #tls} and {@link #token}.
         */
        public Builder bindAddress(String address) {
            this.bindAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** An in-process node, reachable as {@code csp+inproc://name/...} from this JVM only. */
        public Builder inProcess(String name) {
            this.inProcessName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * How long a peer may be silent before it is declared lost (default 10 s). Nodes ping
         * each other every quarter of it. A peer that dies with its connection reset is noticed
         * at once, whatever this is.
         */
        public Builder peerTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("peerTimeout must be positive, got " + timeout);
            }
            this.peerTimeout = timeout;
            return this;
        }

        /**
         * How long a new end waits for the first word from its home before the home counts as
         * lost (default 30 s, and never less than the peer timeout): the time to start a
         * connection, which on a loaded machine or a cold JVM can be much longer than the
         * silence tolerated on a working connection.
         */
        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive, got " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /** Transport security (default: plaintext, for loopback use). */
        public Builder tls(TlsConfig tls) {
            this.tls = tls;
            return this;
        }

        /** A shared secret every call must carry; calls without it are refused. */
        public Builder token(String token) {
            if (token != null && token.isEmpty()) {
                throw new IllegalArgumentException("the token must not be empty");
            }
            this.token = token;
            return this;
        }

        /**
         * Whether a lost end poisons the hosted channel it was connected to (default true: a
         * dead node is like a failed process; false: the channel stays usable by the others).
         */
        public Builder poisonOnPeerLoss(boolean poison) {
            this.poisonOnPeerLoss = poison;
            return this;
        }

        /** How the node names itself to its peers (default: its {@code host:port}). */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The node, not yet started. */
        public CspNode build() {
            return new CspNode(new Config(bindAddress, port, inProcessName, peerTimeout, connectTimeout, tls, token,
                    poisonOnPeerLoss, name));
        }
    }
}
