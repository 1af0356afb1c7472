/**
 * loomcsp: Communicating Sequential Processes for Java 21+, on virtual threads.
 *
 * <p>A program is a network of {@linkplain org.loomcsp.CSPProcess processes} that share nothing
 * and talk only through {@linkplain org.loomcsp.Channel channels}. Processes are composed with
 * {@link org.loomcsp.Par} and {@link org.loomcsp.Seq}, choose between events with {@link
 * org.loomcsp.Alt}, synchronise with {@link org.loomcsp.Barrier}, and shut down with poison
 * ({@link org.loomcsp.ChannelPoison}). {@link org.loomcsp.Csp} holds the entry points that
 * python-csp users know as {@code @process}, {@code @forever}, {@code //}, {@code >}, {@code *}
 * and {@code |}.
 *
 * <h2>Blocking, interruption and poison</h2>
 * Every operation that can block (channel reads and writes, selections, barrier
 * synchronisation, joins, timer sleeps) parks the calling thread without holding a monitor and
 * throws the checked {@link java.lang.InterruptedException} if interrupted while waiting; an
 * interrupt cancels that one operation and nothing else. {@link org.loomcsp.CSPProcess#terminate()}
 * uses interruption. Operations on a poisoned channel throw the unchecked {@link
 * org.loomcsp.ChannelPoison}.
 *
 * <h2>Memory consistency</h2>
 * <ul>
 *   <li>Actions in a thread before it writes a value to a channel <i>happen-before</i> actions in
 *       the thread that reads that value, after its read returns. For an unbuffered channel the
 *       reader's actions before its read also happen-before the writer's return from its write.
 *       The same holds for values passed through a selected input or output guard.
 *   <li>Actions in the thread that starts a process happen-before the process body; the body's
 *       actions happen-before a successful return from {@code join()} of that process, and so
 *       from the end of a {@code Par} or {@code Seq} containing it.
 *   <li>Actions of every participant of a {@link org.loomcsp.Barrier} before it synchronises
 *       happen-before the actions of every participant after the same phase completes.
 *   <li>Poisoning a channel happens-before any operation that throws {@code ChannelPoison}
 *       because of it.
 * </ul>
 *
 * <h2>Backends</h2>
 * Processes run on virtual threads by default, or on platform threads ({@link
 * org.loomcsp.Backend}); the semantics are identical.
 */
package org.loomcsp;
