package org.loomcsp.webserver.http;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * HTTP dates (RFC 9110 §5.6.7): formatting in IMF-fixdate, parsing of all three formats.
 *
 * <p>{@link #now()} caches the formatted current second, so the per-response cost of the
 * {@code Date} header is one volatile read in the common case. Thread-safe.
 */
public final class HttpDates {
    private static final DateTimeFormatter IMF =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC850 =
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    private record Cached(long second, String text) {}

    private static volatile Cached cached = new Cached(-1, "");

    private HttpDates() {}

    /** The current time as IMF-fixdate. */
    public static String now() {
        long second = System.currentTimeMillis() / 1000;
        Cached c = cached;
        if (c.second != second) {
            c = new Cached(second, IMF.format(Instant.ofEpochSecond(second)));
            cached = c;
        }
        return c.text;
    }

    /** Formats an instant as IMF-fixdate (truncated to the second). */
    public static String format(Instant t) {
        return IMF.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** Parses any of the three HTTP date formats; null when the text is none of them. */
    public static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        try {
            return Instant.from(IMF.parse(s));
        } catch (DateTimeParseException ignored) {
            // try the obsolete formats
        }
        try {
            LocalDateTime t = LocalDateTime.parse(s, RFC850);
            // two-digit years: RFC 9110 says a year more than 50 years in the future is in the past
            int year = t.getYear() % 100;
            int now = LocalDateTime.now(ZoneOffset.UTC).getYear();
            int full = now / 100 * 100 + year;
            if (full > now + 50) {
                full -= 100;
            }
            return t.withYear(full).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException ignored) {
            // try asctime
        }
        try {
            return LocalDateTime.parse(s, ASCTIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }
}
