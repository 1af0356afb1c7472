package org.loomcsp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.loomcsp.internal.channel.Case;
import org.loomcsp.internal.channel.ChannelCore;
import org.loomcsp.internal.channel.Selector;
import org.loomcsp.internal.deadlock.DeadlockDiagnosis;
import org.loomcsp.internal.trace.Hooks;
import org.loomcsp.internal.trace.Registry;

/**
 * Choice between guards: python-csp's {@code Alt}, occam's {@code ALT}, Go's {@code select}.
 *
 * <pre>{@code
 * Alt alt = new Alt(c1, c2, timer, Guard.when(!full, in), out.writeGuard(v));
 * Object got = alt.select();        // or priSelect(), fairSelect()
 * Guard which = alt.lastSelected();
 * if (alt.selected(c1)) { Integer n = alt.lastValue(c1); }   // typed by the guard
 * }</pre>
 *
 * <p>A selection waits until at least one guard is ready, then commits exactly one of them:
 * <ul>
 *   <li>a {@link ChannelInput} (any {@link Channel}) is ready when a writer is waiting or a value
 *       is buffered; selecting it reads the value and returns it;
 *   <li>an {@linkplain ChannelOutput#writeGuard(Object) output guard} is ready when a reader is
 *       waiting or the buffer has room; selecting it writes its value and returns that value;
 *   <li>{@link Skip} is always ready; selecting it returns {@link Skip#SKIPPED};
 *   <li>a {@link Timer} is ready when its alarm has passed (or it has none); selecting it
 *       returns {@code null};
 *   <li>a {@linkplain Guard#when(java.util.function.BooleanSupplier, Guard) conditional guard}
 *       takes part only while its condition holds.
 * </ul>
 *
 * <p>Waiting is event-driven: the selecting process parks until a partner arrives on one of its
 * channels or the earliest timer alarm passes. There is no polling, sleeping or busy-waiting,
 * even for a single guard or a lone timer. An Alt and plain readers on the same channel never
 * stall each other, and a ready guard is never lost (python-csp's lost-selection race cannot
 * happen: see {@code docs/adr/0003-channel-algorithm.md}).
 *
 * <p><b>Policies.</b> {@link #select()} picks uniformly at random among the guards ready at
 * decision time; {@link #priSelect()} the first ready guard in the order given; {@link
 * #fairSelect()} never the previous choice while another guard is ready.
 *
 * <p><b>Poison.</b> If the channel of an enabled guard is poisoned, the selection throws {@link
 * ChannelPoison} (as python-csp's did), so a process that alternates over its inputs shuts down
 * when any of them is poisoned. {@link #poison()} poisons the last selected guard and removes it
 * from the Alt: the idiom for "this worker is done".
 *
 * <p><b>Interruption.</b> A selection interrupted while waiting throws {@link
 * InterruptedException} and has selected nothing (no value was read or written).
 *
 * <p>An {@code Alt} belongs to one process: a selection started while another thread is
 * selecting on the same {@code Alt} throws {@link IllegalStateException} naming both processes
 * (give each process its own {@code Alt}).
 */
/*
 * The Alt prepares, once, one Case per guard for the engine (internal.channel.Case: kind, channel
 * core, value to write) and the lock order of its channels; it rebuilds them only when poison()
 * removes a guard. Before each selection it sets each case's enabled flag (the guard's condition)
 * and a timer's alarm on the case (single-process use, like the Selector.Result it reuses).
 */
public final class Alt {

    private final List<Guard> guards;
    private Case[] cases;
    private ChannelCore[] lockOrder;
    private final Selector.Result result = new Selector.Result();

    /** The thread selecting now, or null: claimed by CAS, so concurrent use is detected. */
    private volatile Thread selecting;

    private int lastIndex = -1;
    private Guard lastSelected;
    /** What the last selection yielded (as select() returned it), for lastValue(). */
    private Object lastValue;

    /** Creates an Alt over {@code guards}, in this order (the order {@link #priSelect()} uses). */
    public Alt(Guard... guards) {
        this(java.util.Arrays.asList(Objects.requireNonNull(guards, "Alt: the guards are null")));
    }

    /** Creates an Alt over {@code guards}, in iteration order. */
    public Alt(Collection<? extends Guard> guards) {
        Objects.requireNonNull(guards, "Alt: the guards are null");
        this.guards = new ArrayList<>(guards.size());
        int i = 0;
        for (Guard g : guards) {
            i++;
            if (g == null) {
                throw new NullPointerException("Alt: guard argument " + i + " of " + guards.size()
                        + " is null; pass channels, output guards, Skip or Timer");
            }
            this.guards.add(g);
        }
        prepare();
    }

    private void prepare() {
        int n = guards.size();
        cases = new Case[n];
        for (int i = 0; i < n; i++) {
            Guard g = guards.get(i);
            if (g instanceof ConditionalGuard c) {
                g = c.innermost();
            }
            cases[i] = switch (g) {
                case ChannelInput<?> in -> Case.read(Channel.coreOf(in));
                case OutputGuard<?> out -> Case.write(out.core(), out.value());
                case Skip s -> Case.skip();
                case Timer t -> Case.timer();
                case ConditionalGuard c -> throw new AssertionError("unwrapped above: " + c);
            };
        }
        lockOrder = Selector.lockOrder(cases);
    }

    /**
     * Waits until a guard is ready and selects one of the ready guards uniformly at random.
     *
     * @return what the selected guard yields (see the class comment)
     * @throws NoGuardInAlt if the Alt has no guards, or no guard's condition holds
     * @throws ChannelPoison if the channel of an enabled guard is poisoned
     * @throws InterruptedException if interrupted while waiting; nothing was selected
     * @throws IllegalStateException if another thread is selecting on this Alt at the same time
     * @throws DeadlockException if the caller is not a process (e.g. {@code main}), the Alt has
     *     no Skip or timer, and the caller and every live process are blocked for good; nothing
     *     was selected
     */
    public Object select() throws InterruptedException {
        return doSelect(Selector.Policy.RANDOM);
    }

    /**
     * Waits until a guard is ready and selects the first ready guard in the order given.
     *
     * @see #select()
     */
    public Object priSelect() throws InterruptedException {
        return doSelect(Selector.Policy.PRI);
    }

    /**
     * Waits until a guard is ready and selects, uniformly at random, one of the ready guards
     * other than the previous choice; the previous choice is selected again only if it is the
     * only ready guard.
     *
     * @see #select()
     */
    public Object fairSelect() throws InterruptedException {
        return doSelect(Selector.Policy.FAIR);
    }

    private Object doSelect(Selector.Policy policy) throws InterruptedException {
        Thread me = Thread.currentThread();
        Thread other = (Thread) SELECTING.compareAndExchange(this, null, me);
        if (other != null) {
            throw new IllegalStateException("Alt used by two processes at once: "
                    + Registry.describe(me) + " started a selection while " + Registry.describe(other)
                    + " is selecting on it. An Alt belongs to one process: give each its own Alt.");
        }
        try {
            return selectOwned(policy);
        } finally {
            selecting = null;
        }
    }

    private Object selectOwned(Selector.Policy policy) throws InterruptedException {
        int n = guards.size();
        if (n == 0) {
            throw new NoGuardInAlt("Every Alt must have at least one guard (this one has none"
                    + (lastIndex == -1 ? "" : "; poison() removed the last of them") + ")");
        }
        boolean any = false;
        for (int i = 0; i < n; i++) {
            Case k = cases[i];
            Guard g = guards.get(i);
            boolean e = true;
            if (g instanceof ConditionalGuard c) {
                e = c.enabled();
                g = c.innermost();
            }
            k.enable(e);
            any |= e;
            if (g instanceof Timer t) {
                k.setAlarm(t.alarmNanos());
            }
        }
        if (!any) {
            throw new NoGuardInAlt("No guard of this Alt is enabled: every condition is false."
                    + " A selection with no enabled guard could never complete.");
        }
        try {
            Selector.select(cases, lockOrder, policy, lastIndex, result);
        } catch (DeadlockDiagnosis d) {
            throw new DeadlockException(d.report(), d.cycle(), d.waits());
        }
        Object v = result.value;
        result.value = null;
        if (v == ChannelCore.POISONED) {
            throw new ChannelPoison(cases[result.index].channel().name());
        }
        lastIndex = result.index;
        lastSelected = guards.get(result.index);
        lastValue = cases[result.index].kind() == Case.Kind.SKIP ? Skip.SKIPPED : v;
        if (Hooks.ON) {
            traceSelection(v);
        }
        return cases[lastIndex].kind() == Case.Kind.SKIP ? Skip.SKIPPED : v;
    }

    private void traceSelection(Object v) {
        Case k = cases[lastIndex];
        String dir = switch (k.kind()) {
            case READ -> "read";
            case WRITE -> "write";
            case SKIP -> "skip";
            case TIMER -> "timer";
        };
        Hooks.select(lastIndex, String.valueOf(lastSelected), k.channel(), dir, v);
    }

    /** The guard selected last, or {@code null} before the first selection. */
    public Guard lastSelected() {
        return lastSelected;
    }

    /**
     * Whether the last selection chose {@code guard}, given as it is or inside {@link
     * Guard#when(java.util.function.BooleanSupplier, Guard)}: {@code if (alt.selected(in))}.
     */
    public boolean selected(Guard guard) {
        Guard g = lastSelected;
        return g != null && (g == guard
                || (g instanceof ConditionalGuard c && c.innermost() == guard));
    }

    /**
     * The value the last selection read from {@code input}, typed by it: the same object {@code
     * select()} returned, without a cast.
     *
     * <pre>{@code
     * alt.priSelect();
     * if (alt.selected(in)) queue.add(alt.lastValue(in)); else queue.remove();
     * }</pre>
     *
     * @throws IllegalStateException if the last selection did not choose {@code input} (or
     *     nothing was selected yet)
     */
    @SuppressWarnings("unchecked") // the value was read from input, a ChannelInput<T>
    public <T> T lastValue(ChannelInput<T> input) {
        if (!selected(input)) {
            throw new IllegalStateException("lastValue(" + input + "): the last selection chose "
                    + (lastSelected == null ? "nothing" : lastSelected) + ", not this input;"
                    + " check alt.selected(input) first");
        }
        return (T) lastValue;
    }

    /** The index of the guard selected last, or -1 before the first selection. */
    public int lastSelectedIndex() {
        return lastSelected == null ? -1 : lastIndex;
    }

    /**
     * Poisons the last selected guard (if it stands for a channel) and removes it from this Alt.
     *
     * @throws IllegalStateException if nothing has been selected since the Alt was made or
     *     since the previous {@code poison()}
     */
    public void poison() {
        if (lastSelected == null) {
            throw new IllegalStateException("Alt.poison() poisons the last selected guard, but no"
                    + " guard has been selected yet (or it was already poisoned and removed)");
        }
        Guard g = lastSelected;
        guards.remove(lastIndex);
        lastSelected = null;
        lastValue = null;
        lastIndex = -1;
        prepare();
        g.poison();
    }

    /**
     * {@code n} selections, made lazily with {@link #select()}, one per {@code next()}:
     * python-csp's {@code Alt * n}. Usable in a for-each loop ({@code for (Object v :
     * alt.repeat(3))}) or as an {@code Iterator}; it can be iterated once. {@code next()} throws
     * {@link InterruptedSelection} if interrupted while waiting.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public Selections repeat(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("repeat count must be >= 0, was " + n);
        }
        return new Selections(n);
    }

    /**
     * The selections of {@link #repeat(int)}: an {@code Iterator} that is also its own {@code
     * Iterable}, so that it fits a for-each loop; a second {@code iterator()} call is refused
     * (the selections are made as they are taken, once).
     */
    public final class Selections implements Iterator<Object>, Iterable<Object> {
        private final int n;
        private int left;
        private boolean iterated;

        private Selections(int n) {
            this.n = n;
            this.left = n;
        }

        @Override
        public Iterator<Object> iterator() {
            if (iterated) {
                throw new IllegalStateException("the selections of repeat(" + n + ") can be"
                        + " iterated once; call repeat again for more");
            }
            iterated = true;
            return this;
        }

        @Override
        public boolean hasNext() {
            return left > 0;
        }

        @Override
        public Object next() {
            if (left <= 0) {
                throw new NoSuchElementException("all " + n + " selections were made");
            }
            left--;
            try {
                return select();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedSelection(e);
            }
        }
    }

    /** The guards, in order (a snapshot). */
    public List<Guard> guards() {
        return List.copyOf(guards);
    }

    /** The number of guards. */
    public int size() {
        return guards.size();
    }

    @Override
    public String toString() {
        return "Alt" + guards;
    }

    /**
     * Thrown by the iterator of {@link #repeat(int)} (which cannot throw checked exceptions)
     * when interrupted while waiting; the cause is the {@link InterruptedException} and the
     * interrupt status is set again.
     */
    public static final class InterruptedSelection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InterruptedSelection(InterruptedException cause) {
            super("selection interrupted", cause);
        }
    }

    private static final VarHandle SELECTING;

    static {
        try {
            SELECTING = MethodHandles.lookup().findVarHandle(Alt.class, "selecting", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
