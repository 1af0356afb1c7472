package org.loomcsp.webserver;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * One-line warnings, at most one per interval per instance; the ones held back are counted and
 * the count is reported with the next line. No stack traces: a server-side fault is reported
 * by its exception's class and message, which is what an operator can act on, and a flood of
 * bad requests or of failing {@code accept} calls cannot flood the log. Thread-safe, lock-free.
 */
final class RateLimitedLog {
    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    RateLimitedLog(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** Logs {@code message} (with {@code t}'s class and message, if any) unless one was logged within the interval. */
    void warn(String message, Throwable t) {
        long now = System.nanoTime();
        long n = next.get();
        if ((n != Long.MIN_VALUE && now - n < 0) || !next.compareAndSet(n, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return;
        }
        long held = suppressed.getAndSet(0);
        String cause = t == null ? "" : ": " + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : " (" + oneLine(t.getMessage()) + ")");
        if (held > 0) {
            log.warn("{}{} [{} similar in the last {} s not shown]", message, cause, held, intervalNanos / 1_000_000_000L);
        } else {
            log.warn("{}{}", message, cause);
        }
    }

    private static String oneLine(String s) {
        String t = s.replace('\n', ' ').replace('\r', ' ');
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
