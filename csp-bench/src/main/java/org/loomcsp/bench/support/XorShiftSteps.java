package org.loomcsp.bench.support;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A finite iterator whose {@code next()} is a trivial but non-removable step (one xorshift of a
 * field; returns a shared object, so no allocation). Used both as a server's steps and as the
 * bare-loop floor, so the two differ only by what the server adds per step.
 */
public final class XorShiftSteps implements Iterator<Object> {
    private static final Object STEP = new Object();
    private long x = 0x9E3779B97F4A7C15L;
    private long left;

    public XorShiftSteps(long steps) {
        this.left = steps;
    }

    @Override
    public boolean hasNext() {
        return left > 0;
    }

    @Override
    public Object next() {
        if (left-- <= 0) {
            throw new NoSuchElementException();
        }
        long v = x;
        v ^= v << 13;
        v ^= v >>> 7;
        v ^= v << 17;
        x = v;
        return STEP;
    }

    public long state() {
        return x;
    }
}
