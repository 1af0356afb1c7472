package org.loomcsp.webserver.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Entity tags (RFC 9110 §8.8.3) and the two comparison functions.
 *
 * @param opaque the quoted opaque tag, quotes included (e.g. {@code "\"abc\""})
 * @param weak   true for a {@code W/} tag
 */
public record EntityTag(String opaque, boolean weak) {

    /** A strong tag that changes whenever size, modification time or file identity changes. */
    public static EntityTag forFile(long size, long mtimeNanos, Object fileKey) {
        int key = fileKey == null ? 0 : fileKey.hashCode();
        return new EntityTag("\"" + Long.toHexString(size) + "-" + Long.toHexString(mtimeNanos) + "-"
                + Integer.toHexString(key) + "\"", false);
    }

    /** The header form. */
    @Override
    public String toString() {
        return weak ? "W/" + opaque : opaque;
    }

    /** Strong comparison: both strong and the same opaque tag. */
    public boolean strongMatch(EntityTag other) {
        return !weak && !other.weak && opaque.equals(other.opaque);
    }

    /** Weak comparison: the same opaque tag, weakness ignored. */
    public boolean weakMatch(EntityTag other) {
        return opaque.equals(other.opaque);
    }

    /**
     * Parses an {@code If-Match}/{@code If-None-Match} value.
     *
     * @return the tags; a list holding only {@code null} for {@code *}; null when the syntax is invalid
     */
    public static List<EntityTag> parseList(String value) {
        List<EntityTag> out = new ArrayList<>();
        String v = value.trim();
        if (v.equals("*")) {
            out.add(null);
            return out;
        }
        int i = 0;
        while (i < v.length()) {
            char c = v.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            boolean weak = false;
            if (v.startsWith("W/", i)) {
                weak = true;
                i += 2;
            }
            if (i >= v.length() || v.charAt(i) != '"') {
                return null;
            }
            int end = v.indexOf('"', i + 1);
            if (end < 0) {
                return null;
            }
            out.add(new EntityTag(v.substring(i, end + 1), weak));
            i = end + 1;
        }
        return out;
    }
}
