package org.loomcsp.patterns;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.ChannelInput;
import org.loomcsp.ChannelOutput;
import org.loomcsp.Par;

/**
 * A ring of processes joined by channels: python-csp's {@code TokenRing(func, size, numtoks=1)}.
 * It is a {@link Par} of its nodes, so {@link #run()} runs the ring until every node ends and
 * {@link #start()} starts it.
 *
 * <p>Wiring, as in python-csp: the ring makes {@code size} channels; node {@code i} reads channel
 * {@code i - 1} and writes channel {@code i}, so node 0 reads the last channel. The factory is
 * called once per node, in index order, with a {@link Node} describing its place in the ring.
 *
 * <p>Tokens: {@link Node#holdsToken()} is true for the {@code tokens} nodes at evenly spaced
 * positions {@code floor(k * size / tokens)}, {@code k = 0 .. tokens-1} (node 0 among them). A
 * node holding a token writes first and then alternates read, write; the others read first. With
 * that rule every node makes as many writes as reads, so a ring with any number of tokens from 1
 * to {@code size - 1} runs and ends. (python-csp left the injection to the node function, which
 * only ever injected one token: with more than one its ring deadlocked.)
 *
 * <pre>{@code
 * // each node relays 'trials' times, adding 1 to the token
 * new TokenRing<Integer>(node -> new CSPProcess(() -> {
 *     if (node.holdsToken()) {
 *         node.out().write(0);
 *         for (int i = 1; i < trials; i++) node.out().write(node.in().read() + 1);
 *         node.in().read();                    // the last token comes home
 *     } else {
 *         for (int i = 0; i < trials; i++) node.out().write(node.in().read() + 1);
 *     }
 * }, node.in(), node.out()), 64, 4).run();
 * }</pre>
 *
 * @param <T> the type of the tokens
 */
public class TokenRing<T> extends Par {

    /**
     * A node's place in the ring, given to the node factory.
     *
     * @param index the node's index, 0 to {@code size - 1}
     * @param size the number of nodes (python-csp's {@code numnodes})
     * @param tokens the number of tokens in the ring
     * @param holdsToken whether this node starts with a token (and so should write first)
     * @param in the channel from the previous node (channel {@code index - 1}, or the last)
     * @param out the channel to the next node (channel {@code index})
     * @param <T> the type of the tokens
     */
    public record Node<T>(int index, int size, int tokens, boolean holdsToken, ChannelInput<T> in,
            ChannelOutput<T> out) {}

    private final List<Channel<T>> channels;

    /** Creates a ring (not started) of {@code size} nodes with one token, held by node 0. */
    public TokenRing(Function<? super Node<T>, ? extends CSPProcess> nodeFactory, int size) {
        this(nodeFactory, size, 1);
    }

    /**
     * Creates a ring (not started).
     *
     * @param nodeFactory makes the process of each node
     * @param size the number of nodes, at least 2
     * @param tokens the number of tokens, 1 to {@code size - 1} (a ring of unbuffered channels in
     *     which every node holds a token cannot start: every node would be writing)
     * @throws IllegalArgumentException if {@code size} or {@code tokens} is out of range
     */
    public TokenRing(Function<? super Node<T>, ? extends CSPProcess> nodeFactory, int size,
            int tokens) {
        this(channels(size, tokens), nodeFactory, tokens);
    }

    private TokenRing(List<Channel<T>> channels,
            Function<? super Node<T>, ? extends CSPProcess> nodeFactory, int tokens) {
        super(nodes(channels, nodeFactory, tokens));
        this.channels = channels;
    }

    private static <T> List<Channel<T>> channels(int size, int tokens) {
        if (size < 2) {
            throw new IllegalArgumentException("a token ring needs at least 2 nodes, got " + size);
        }
        if (tokens < 1 || tokens >= size) {
            throw new IllegalArgumentException("a ring of " + size + " nodes takes 1 to "
                    + (size - 1) + " tokens, got " + tokens);
        }
        List<Channel<T>> chans = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            chans.add(new Channel<>("ring-" + i));
        }
        return List.copyOf(chans);
    }

    private static <T> List<CSPProcess> nodes(List<Channel<T>> chans,
            Function<? super Node<T>, ? extends CSPProcess> nodeFactory, int tokens) {
        Objects.requireNonNull(nodeFactory, "nodeFactory");
        int size = chans.size();
        List<CSPProcess> nodes = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Node<T> node = new Node<>(i, size, tokens, holdsToken(i, size, tokens),
                    chans.get(Math.floorMod(i - 1, size)), chans.get(i));
            nodes.add(Objects.requireNonNull(nodeFactory.apply(node),
                    "the node factory returned null for node " + i));
        }
        return nodes;
    }

    /**
     * Whether node {@code index} of a ring of {@code size} starts with one of {@code tokens}
     * tokens: true for the nodes {@code floor(k * size / tokens)}, {@code k = 0 .. tokens-1}.
     */
    public static boolean holdsToken(int index, int size, int tokens) {
        // The smallest k whose position is >= index; the node holds a token if that position is it.
        long k = ((long) index * tokens + size - 1) / size;
        return k < tokens && k * size / tokens == index;
    }

    /** The ring's channels: channel {@code i} runs from node {@code i} to node {@code i + 1}. */
    public List<Channel<T>> channels() {
        return channels;
    }
}
