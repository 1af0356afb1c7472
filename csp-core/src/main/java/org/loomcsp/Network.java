package org.loomcsp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A builder for networks of processes with nested {@code par} and {@code seq} blocks: python-csp's
 * {@code CSP} context manager, with nesting that works.
 *
 * <pre>{@code
 * // python-csp:
 * //   c = CSP()
 * //   with c.seq():
 * //       c.process(a)
 * //       with c.par():
 * //           c.process(b); c.process(d)
 * //   c.start()
 * new Network()
 *     .seq(s -> s
 *         .process(a())
 *         .par(p -> p.process(b()).process(d())))
 *     .run();
 * }</pre>
 *
 * <p>The top level is like a block of its own: one item runs as itself, several run in parallel
 * (as python-csp's {@code CSP.start()} did). A network can be built once.
 */
public final class Network {

    private final Block top = new Block();
    private boolean built;

    /** Creates an empty network. */
    public Network() {}

    /** Adds a process at the top level. */
    public Network process(CSPProcess process) {
        top.process(process);
        return this;
    }

    /** Adds {@code Csp.process(body, args)} at the top level. */
    public Network process(CSPProcess.Body body, Object... args) {
        top.process(body, args);
        return this;
    }

    /** Adds a parallel block at the top level; {@code block} fills it. */
    public Network par(Consumer<Block> block) {
        top.par(block);
        return this;
    }

    /** Adds a sequential block at the top level; {@code block} fills it. */
    public Network seq(Consumer<Block> block) {
        top.seq(block);
        return this;
    }

    /**
     * The process this network stands for: its only item, or a {@link Par} of its items (an
     * empty {@code Par} if it has none).
     *
     * @throws IllegalStateException if it was already built
     */
    public CSPProcess build() {
        if (built) {
            throw new IllegalStateException("This Network was already built; build a new one");
        }
        built = true;
        return top.items.size() == 1 ? top.items.get(0) : new Par(top.items);
    }

    /** Builds the network and runs it to completion. */
    public void run() throws InterruptedException {
        build().run();
    }

    /** Builds the network and starts it; returns the started process. */
    public CSPProcess start() {
        return build().start();
    }

    /** The contents of one {@code par} or {@code seq} block. */
    public static final class Block {
        private final List<CSPProcess> items = new ArrayList<>();

        Block() {}

        /** Adds a process to this block. */
        public Block process(CSPProcess process) {
            items.add(Par.requireUnstarted(Objects.requireNonNull(process, "process")));
            return this;
        }

        /** Adds {@code Csp.process(body, args)} to this block. */
        public Block process(CSPProcess.Body body, Object... args) {
            return process(new CSPProcess(body, args));
        }

        /** Adds a nested parallel block. */
        public Block par(Consumer<Block> block) {
            Block b = new Block();
            block.accept(b);
            items.add(new Par(b.items));
            return this;
        }

        /** Adds a nested sequential block. */
        public Block seq(Consumer<Block> block) {
            Block b = new Block();
            block.accept(b);
            items.add(new Seq(b.items));
            return this;
        }
    }
}
