package org.loomcsp;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A clock, a sleep, and a timeout guard. python-csp's {@code Timer}.
 *
 * <p>As a guard it is ready once its alarm has passed, and also when no alarm is set (as in
 * python-csp). An {@link Alt} waiting on a timer parks until the alarm (no polling, no spinning)
 * and selecting it returns {@code null}. The alarm is <em>not</em> cleared by a selection: once
 * it has passed, the timer stays ready until {@link #setAlarm(Duration)} or {@link #clearAlarm()}
 * is called again, as in python-csp.
 *
 * <pre>{@code
 * Timer timeout = new Timer();
 * timeout.setAlarm(Duration.ofMillis(100));
 * Object v = new Alt(input, timeout).priSelect();   // null if nothing arrived within 100 ms
 * }</pre>
 *
 * <p>A timer belongs to the process that uses it; it is safe to read from others, but setting the
 * alarm from one process while another selects on it gives either alarm.
 */
public final class Timer implements Guard {

    static final long NO_ALARM = Long.MIN_VALUE;

    private volatile long alarm = NO_ALARM;

    /** Creates a timer with no alarm set. */
    public Timer() {}

    /** Sets the alarm {@code timeout} from now (python-csp's {@code set_alarm}). */
    public void setAlarm(Duration timeout) {
        long now = System.nanoTime();
        long ns = saturatedNanos(Objects.requireNonNull(timeout, "timeout"));
        long a = now + ns;
        if (ns > 0 && a < now) {
            a = now + Long.MAX_VALUE / 2; // effectively never
        }
        alarm = a == NO_ALARM ? a + 1 : a;
    }

    /** Sets the alarm at a wall-clock instant (converted to the monotonic clock now). */
    public void setAlarmAt(Instant when) {
        setAlarm(Duration.between(Instant.now(), Objects.requireNonNull(when, "when")));
    }

    /** Sets the alarm at an absolute {@link System#nanoTime()} value. */
    public void setAlarmAtNanos(long nanoTime) {
        alarm = nanoTime == NO_ALARM ? nanoTime + 1 : nanoTime;
    }

    /** Removes the alarm: the timer is then always ready as a guard. */
    public void clearAlarm() {
        alarm = NO_ALARM;
    }

    /** The alarm as a {@link System#nanoTime()} value, or {@code Long.MIN_VALUE} if none. */
    public long alarmNanos() {
        return alarm;
    }

    /** Whether the alarm has passed (or none is set). */
    public boolean expired() {
        long a = alarm;
        return a == NO_ALARM || System.nanoTime() - a >= 0;
    }

    /** The current time of the monotonic clock, in nanoseconds ({@link System#nanoTime()}). */
    public long read() {
        return System.nanoTime();
    }

    /**
     * Sleeps for {@code duration}: the process is parked, not spinning.
     *
     * @throws InterruptedException if interrupted (e.g. {@link CSPProcess#terminate()})
     */
    public void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(Objects.requireNonNull(duration, "duration"));
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }

    @Override
    public String toString() {
        return "Timer" + (alarm == NO_ALARM ? "" : "[alarm in " + (alarm - System.nanoTime()) + " ns]");
    }
}
