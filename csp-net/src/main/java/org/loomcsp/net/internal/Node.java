package org.loomcsp.net.internal;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelPoison;
import org.loomcsp.ExternalSource;
import org.loomcsp.net.Codec;
import org.loomcsp.net.NetChannelOutput;
import org.loomcsp.net.proto.EndFrame;
import org.loomcsp.net.proto.HomeFrame;

/** The machinery behind {@link org.loomcsp.net.CspNode}. */
public final class Node implements AutoCloseable {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._~-]+");
    private static final Context.Key<String> PEER = Context.key("csp-net-peer");

    private final Config config;
    private final Map<String, Hosted> hosted = new ConcurrentHashMap<>();
    private final Map<String, ManagedChannel> peers = new ConcurrentHashMap<>();
    private final Set<Object> ends = ConcurrentHashMap.newKeySet();
    private final Set<HomeLink> homeLinks = ConcurrentHashMap.newKeySet();
    private final Map<ChannelInput<?>, InputEnd<?>> inputs = new ConcurrentHashMap<>();
    private Heartbeat heartbeat;
    private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
    private Server server;
    private volatile boolean closing;
    /** Tells core's deadlock detector that the network may act on our channels (ADR 0110). */
    private ExternalSource outsideSource;
    private String name;
    private URI uri;

    public Node(Config config) {
        this.config = config;
    }

    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("node already started");
        }
        ServerInterceptor peerAddress = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                               ServerCallHandler<Q, R> next) {
                SocketAddress a = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
                String s = a instanceof InetSocketAddress i ? i.getHostString() + ":" + i.getPort() : String.valueOf(a);
                return Contexts.interceptCall(Context.current().withValue(PEER, s), call, headers, next);
            }
        };
        var service = Wire.service(out -> {
            HomeLink l = new HomeLink(this, out, Objects.requireNonNullElse(PEER.get(), "?"));
            homeLinks.removeIf(HomeLink::finished);
            homeLinks.add(l);
            return l;
        });
        var intercepted = config.token() == null
                ? ServerInterceptors.intercept(service, peerAddress)
                : ServerInterceptors.intercept(service, peerAddress, Security.tokenCheck(config.token()));
        if (config.inProcessName() != null) {
            server = InProcessServerBuilder.forName(config.inProcessName()).directExecutor()
                    .addService(intercepted).build().start();
            name = config.name() != null ? config.name() : "inproc:" + config.inProcessName();
            uri = URI.create("csp+inproc://" + config.inProcessName());
        } else {
            var address = new InetSocketAddress(config.bindAddress(), config.port());
            server = NettyServerBuilder.forAddress(address, Security.server(config.tls()))
                    .directExecutor().addService(intercepted).build().start();
            String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getHostString();
            if (host.contains(":")) {
                host = "[" + host + "]";
            }
            uri = URI.create("csp://" + host + ":" + server.getPort());
            name = config.name() != null ? config.name() : host + ":" + server.getPort();
        }
        heartbeat = new Heartbeat(config.peerTimeout(), name);
        outsideSource = ExternalSource.open("csp-net node " + name);
        // The keeper: a non-daemon platform thread, parked until close(). While a node runs, the
        // network may act on its hosted channels at any time, through gRPC's threads, which core's
        // deadlock detector cannot see (they are not processes, and they wait on the network);
        // an open ExternalSource tells the detector "something outside may still act"; this
        // thread keeps the JVM alive, as any server does. ADR 0110.
        Thread.ofPlatform().daemon(false).name("csp-net-node " + name).start(() -> {
            while (true) {
                try {
                    closed.await();
                    return;
                } catch (InterruptedException e) {
                    // only close() ends the keeper
                }
            }
        });
    }

    public URI uri() {
        requireStarted();
        return uri;
    }

    public int port() {
        requireStarted();
        return server.getPort();
    }

    public String name() {
        return name;
    }

    Heartbeat heartbeat() {
        return heartbeat;
    }

    boolean closing() {
        return closing;
    }

    long connectTimeoutNanos() {
        return config.connectTimeout().toNanos();
    }

    boolean poisonOnPeerLoss() {
        return config.poisonOnPeerLoss();
    }

    Hosted hosted(String channelName) {
        return hosted.get(channelName);
    }

    @SuppressWarnings("unchecked")
    public <T> void host(String channelName, Channel<T> channel, Codec<T> codec) {
        requireOpen();
        if (channelName == null || !NAME.matcher(channelName).matches()) {
            throw new IllegalArgumentException("a hosted channel's name must match " + NAME.pattern()
                    + " (it is the path of csp://host:port/NAME), got " + channelName);
        }
        Hosted h = new Hosted(channelName, (Channel<Object>) Objects.requireNonNull(channel, "channel"),
                (Codec<Object>) Objects.requireNonNull(codec, "codec"));
        if (hosted.putIfAbsent(channelName, h) != null) {
            throw new IllegalStateException("a channel named '" + channelName + "' is already hosted at "
                    + name + "; unhost it first or pick another name");
        }
    }

    public boolean unhost(String channelName) {
        return hosted.remove(channelName) != null;
    }

    public <T> NetChannelOutput<T> output(URI uri, Codec<T> codec) {
        requireOpen();
        check(uri);
        OutputEnd<T> e = new OutputEnd<>(this, uri, Objects.requireNonNull(codec, "codec"));
        ends.add(e);
        return e;
    }

    public <T> ChannelInput<T> input(URI uri, Codec<T> codec) {
        requireOpen();
        check(uri);
        InputEnd<T> e = new InputEnd<>(this, uri, Objects.requireNonNull(codec, "codec"));
        ends.add(e);
        ChannelInput<T> in = e.input();
        inputs.put(in, e);
        return in;
    }

    public ChannelPoison fault(ChannelInput<?> in) {
        InputEnd<?> e = inputs.get(in);
        return e == null ? null : e.fault();
    }

    public boolean closeInput(ChannelInput<?> in) {
        InputEnd<?> e = inputs.remove(in);
        if (e != null) {
            e.close();
        }
        return e != null;
    }

    void forget(Object end) {
        ends.remove(end);
    }

    ClientCall<EndFrame, HomeFrame> newCall(URI u) {
        String key = authority(u);
        ManagedChannel ch = peers.computeIfAbsent(key, k -> {
            if (u.getScheme().equals("csp+inproc")) {
                return InProcessChannelBuilder.forName(u.getHost()).directExecutor().build();
            }
            return NettyChannelBuilder.forAddress(u.getHost(), u.getPort(), Security.client(config.tls()))
                    .directExecutor().build();
        });
        CallOptions o = CallOptions.DEFAULT.withWaitForReady();
        if (config.token() != null) {
            o = o.withCallCredentials(Security.token(config.token()));
        }
        return ch.newCall(Wire.CONNECT, o);
    }

    private static void check(URI u) {
        Objects.requireNonNull(u, "uri");
        String s = u.getScheme();
        boolean ok = ("csp".equals(s) && u.getHost() != null && u.getPort() > 0)
                || ("csp+inproc".equals(s) && u.getHost() != null);
        if (!ok || u.getPath() == null || !NAME.matcher(channelName(u)).matches()) {
            throw new IllegalArgumentException("a channel URI is csp://host:port/name (or csp+inproc://node/name"
                    + " in one JVM), got " + u);
        }
    }

    static String authority(URI u) {
        return "csp+inproc".equals(u.getScheme()) ? "inproc:" + u.getHost() : u.getHost() + ":" + u.getPort();
    }

    static String channelName(URI u) {
        String p = u.getPath();
        return p.startsWith("/") ? p.substring(1) : p;
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("the node is not started; call start() first");
        }
    }

    private void requireOpen() {
        requireStarted();
        if (closing) {
            throw new IllegalStateException("the node " + name + " is closed");
        }
    }

    @Override
    public void close() {
        if (server == null || closing) {
            return;
        }
        closing = true;
        outsideSource.close();
        List<Object> mine = new ArrayList<>(ends);
        for (Object e : mine) {
            if (e instanceof OutputEnd<?> o) {
                o.close();
            } else if (e instanceof InputEnd<?> i) {
                i.close();
            }
        }
        for (HomeLink l : homeLinks) {
            l.shutdown();
        }
        server.shutdown();
        for (ManagedChannel c : peers.values()) {
            c.shutdown();
        }
        // Orderly ends and home links have completed their streams by now; give what is left
        // (a connection still in its handshake, a peer that does not answer) one second in all.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        try {
            for (ManagedChannel c : peers.values()) {
                if (!c.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    c.shutdownNow();
                }
            }
            if (!server.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            peers.values().forEach(ManagedChannel::shutdownNow);
            Thread.currentThread().interrupt();
        }
        heartbeat.close();
        closed.countDown();
    }
}
