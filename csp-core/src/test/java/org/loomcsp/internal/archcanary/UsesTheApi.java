package org.loomcsp.internal.archcanary;

import org.loomcsp.Channel;

/**
 * A test-only class that breaks the layering rule on purpose (an internal package using the API),
 * so that {@code org.loomcsp.InternalLayeringTest} can show its rule is able to fail.
 */
public final class UsesTheApi {

    private UsesTheApi() {}

    /** Depends on the API type {@link Channel}. */
    public static String nameOf(Channel<?> c) {
        return c.getName();
    }
}
