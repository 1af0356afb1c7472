package org.loomcsp.webserver.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code Range} header for the {@code bytes} unit (RFC 9110 §14).
 *
 * <p>{@link #parse} never fails: a header that is absent, syntactically invalid, in another
 * unit, or abusive (more than {@link #MAX_RANGES} ranges) yields {@link Kind#IGNORE} and the
 * full representation is sent. Overlapping or adjacent ranges are coalesced when several remain.
 */
public final class ByteRanges {
    /** At most this many ranges are honoured; more are ignored (the "Apache killer" guard). */
    public static final int MAX_RANGES = 16;

    /** What to answer. */
    public enum Kind { IGNORE, UNSATISFIABLE, SATISFIABLE }

    /** An inclusive byte range {@code [first, last]}. */
    public record Range(long first, long last) {
        public long length() {
            return last - first + 1;
        }

        /** The Content-Range value for a representation of {@code total} bytes. */
        public String contentRange(long total) {
            return "bytes " + first + "-" + last + "/" + total;
        }
    }

    /** The parse result; {@code ranges} is non-empty only for {@link Kind#SATISFIABLE}. */
    public record Result(Kind kind, List<Range> ranges) {
        static final Result IGNORED = new Result(Kind.IGNORE, List.of());
        static final Result NONE = new Result(Kind.UNSATISFIABLE, List.of());
    }

    private ByteRanges() {}

    /** The result that says: send the whole representation. */
    public static Result ignored() {
        return Result.IGNORED;
    }

    /** Parses {@code header} against a representation of {@code length} bytes. */
    public static Result parse(String header, long length) {
        if (header == null) {
            return Result.IGNORED;
        }
        String h = header.trim();
        int eq = h.indexOf('=');
        if (eq < 0 || !h.substring(0, eq).trim().equalsIgnoreCase("bytes")) {
            return Result.IGNORED;
        }
        String[] specs = h.substring(eq + 1).split(",", -1);
        if (specs.length > MAX_RANGES) {
            return Result.IGNORED;
        }
        List<Range> ranges = new ArrayList<>();
        int parsed = 0;
        for (String raw : specs) {
            String spec = raw.trim();
            if (spec.isEmpty()) {
                continue;
            }
            int dash = spec.indexOf('-');
            if (dash < 0) {
                return Result.IGNORED;
            }
            String a = spec.substring(0, dash);
            String b = spec.substring(dash + 1);
            long first;
            long last;
            if (a.isEmpty()) {
                long suffix = number(b);
                if (suffix < 0) {
                    return Result.IGNORED;
                }
                parsed++;
                if (suffix == 0 || length == 0) {
                    continue;
                }
                first = Math.max(0, length - suffix);
                last = length - 1;
            } else {
                first = number(a);
                last = b.isEmpty() ? Long.MAX_VALUE : number(b);
                if (first < 0 || last < 0 || last < first) {
                    return Result.IGNORED;
                }
                parsed++;
                if (first >= length) {
                    continue;
                }
                last = Math.min(last, length - 1);
            }
            ranges.add(new Range(first, last));
        }
        if (parsed == 0) {
            return Result.IGNORED;
        }
        if (length == 0) {
            return Result.IGNORED; // an empty representation: send it whole (200)
        }
        if (ranges.isEmpty()) {
            return Result.NONE;
        }
        return new Result(Kind.SATISFIABLE, ranges.size() == 1 ? ranges : coalesce(ranges));
    }

    /**
     * {@code If-Range} (RFC 9110 §13.1.5): true when the Range header may be honoured, i.e. the
     * header is absent, or it is a strong entity tag equal to the current one, or a date equal to
     * Last-Modified.
     */
    public static boolean ifRangeAllows(String ifRange, EntityTag etag, Instant lastModified) {
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.trim();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            List<EntityTag> tags = EntityTag.parseList(v);
            return tags != null && tags.size() == 1 && tags.get(0) != null && etag.strongMatch(tags.get(0));
        }
        Instant date = HttpDates.parse(v);
        return date != null && date.equals(lastModified);
    }

    private static long number(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        return Long.parseLong(s);
    }

    private static List<Range> coalesce(List<Range> in) {
        List<Range> sorted = new ArrayList<>(in);
        sorted.sort(Comparator.comparingLong(Range::first));
        List<Range> out = new ArrayList<>();
        Range cur = sorted.get(0);
        for (int i = 1; i < sorted.size(); i++) {
            Range r = sorted.get(i);
            if (r.first() <= cur.last() + 1) {
                cur = new Range(cur.first(), Math.max(cur.last(), r.last()));
            } else {
                out.add(cur);
                cur = r;
            }
        }
        out.add(cur);
        // keep the client's order when nothing merged
        return out.size() == in.size() ? in : out;
    }
}
