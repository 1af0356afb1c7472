package org.loomcsp.internal.channel;

/**
 * The {@link Sync} of a waiting Alt, which also remembers the guards it waits on, so that
 * deadlock diagnosis ({@link WaitProbe}) can say what a parked Alt is waiting for. The thread
 * parks with this object as its park blocker.
 */
/*
 * The cases are the Alt's own (reused between selections). They are read by WaitProbe only while
 * state == WAITING, during which the Alt is parked inside this very selection and does not touch
 * them; a probe that races with the end of the selection sees state != WAITING afterwards and
 * discards what it read.
 */
final class AltSync extends Sync {

    final Case[] cases;

    AltSync(Thread waiter, Case[] cases) {
        super(waiter);
        this.cases = cases;
    }
}
