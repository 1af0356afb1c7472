package org.loomcsp.webserver.http;

import java.time.Instant;
import java.util.List;

/**
 * Evaluates conditional request headers in the order of RFC 9110 §13.2.2.
 *
 * <p>Call it only after the checks that would give 4xx for other reasons (404, 403, 405), for a
 * request whose answer would otherwise be 2xx. {@code If-Range} is not handled here; see
 * {@link ByteRanges#ifRangeAllows}.
 */
public final class Preconditions {
    /** The outcome of evaluation. */
    public enum Result {
        /** Go on and answer normally. */
        PROCEED,
        /** Answer 304 Not Modified (GET/HEAD only). */
        NOT_MODIFIED,
        /** Answer 412 Precondition Failed. */
        FAILED
    }

    private Preconditions() {}

    /**
     * @param method       the request method
     * @param headers      the request headers
     * @param exists       whether the target currently has a representation
     * @param etag         its current entity tag (null when it does not exist)
     * @param lastModified its modification time, truncated to seconds (null when it does not exist)
     */
    public static Result evaluate(String method, Headers headers, boolean exists, EntityTag etag, Instant lastModified) {
        boolean getOrHead = method.equals("GET") || method.equals("HEAD");
        String ifMatch = headers.get("if-match");
        if (ifMatch != null) {
            if (!matchesAny(ifMatch, exists, etag, true)) {
                return Result.FAILED;
            }
        } else {
            Instant ius = HttpDates.parse(headers.get("if-unmodified-since"));
            if (ius != null && exists && lastModified.isAfter(ius)) {
                return Result.FAILED;
            }
        }
        String ifNoneMatch = headers.get("if-none-match");
        if (ifNoneMatch != null) {
            if (matchesAny(ifNoneMatch, exists, etag, false)) {
                return getOrHead ? Result.NOT_MODIFIED : Result.FAILED;
            }
        } else if (getOrHead && exists) {
            Instant ims = HttpDates.parse(headers.get("if-modified-since"));
            if (ims != null && !lastModified.isAfter(ims)) {
                return Result.NOT_MODIFIED;
            }
        }
        return Result.PROCEED;
    }

    private static boolean matchesAny(String header, boolean exists, EntityTag etag, boolean strong) {
        List<EntityTag> tags = EntityTag.parseList(header);
        if (tags == null) {
            // unparseable: If-Match fails, If-None-Match does not match
            return false;
        }
        for (EntityTag t : tags) {
            if (t == null) {
                return exists;
            }
            if (exists && (strong ? etag.strongMatch(t) : etag.weakMatch(t))) {
                return true;
            }
        }
        return false;
    }
}
