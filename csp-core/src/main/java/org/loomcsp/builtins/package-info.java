/**
 * The process library: python-csp's {@code csp.builtins}, with the same names and argument
 * order (inputs first, outputs last).
 *
 * <p>Every builtin is a {@link org.loomcsp.CSPServer} made with {@code new Name(channels...)}
 * and not started; start it, or put it in a {@link org.loomcsp.Par}. Each runs until poisoned. A
 * builtin never poisons a channel on its own: when it meets poison on one of its channels (or
 * fails), it poisons all of them, so poison spreads through a network of builtins. Blocking
 * operations park the process; {@link org.loomcsp.CSPProcess#terminate()} stops one quietly.
 *
 * <p>Differences from python-csp, on purpose: {@link org.loomcsp.builtins.Lxor} is a real
 * exclusive or; {@link org.loomcsp.builtins.Clock} writes the tick time and {@link
 * org.loomcsp.builtins.Prefix} requires its item (channels never carry {@code null}); {@link
 * org.loomcsp.builtins.Printer} flushes; integer arithmetic throws on overflow instead of
 * growing; python-csp's {@code Is_Not} is {@link org.loomcsp.builtins.IsNot}. Beside python-csp's
 * sequential {@link org.loomcsp.builtins.Delta2} and alternating {@link
 * org.loomcsp.builtins.Mux2} there are occam's parallel {@link org.loomcsp.builtins.ParDelta2}
 * / {@link org.loomcsp.builtins.Delta} and Alt-based {@link org.loomcsp.builtins.AltMux2} /
 * {@link org.loomcsp.builtins.Merge}. See {@code docs/builtins.md}.
 */
package org.loomcsp.builtins;
