package org.loomcsp.webserver.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The header fields of one request, in arrival order.
 *
 * <p>Names are stored lower-cased (field names are case-insensitive, RFC 9110 §5.1), so every
 * lookup must pass a lower-case name. Values are stored as received, without surrounding
 * whitespace. Instances are filled by the parser and then only read; they are not thread-safe.
 */
public final class Headers {
    private final ArrayList<String> names = new ArrayList<>(16);
    private final ArrayList<String> values = new ArrayList<>(16);

    /** Appends a field; {@code lowerName} must already be lower case. */
    public void add(String lowerName, String value) {
        names.add(lowerName);
        values.add(value);
    }

    /** The first value of the field, or null. */
    public String get(String lowerName) {
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equals(lowerName)) {
                return values.get(i);
            }
        }
        return null;
    }

    /** Every value of the field in order; empty when absent. */
    public List<String> all(String lowerName) {
        List<String> out = null;
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equals(lowerName)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(values.get(i));
            }
        }
        return out == null ? List.of() : Collections.unmodifiableList(out);
    }

    /** How many lines carried this field. */
    public int count(String lowerName) {
        int c = 0;
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equals(lowerName)) {
                c++;
            }
        }
        return c;
    }

    /** True when the comma-separated list field contains {@code token} (case-insensitive). */
    public boolean containsToken(String lowerName, String token) {
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equals(lowerName)) {
                for (String part : values.get(i).split(",")) {
                    if (part.trim().equalsIgnoreCase(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    public int size() {
        return names.size();
    }
}
