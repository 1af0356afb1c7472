package org.loomcsp;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a process is mapped onto threads.
 *
 * <p>Both backends have exactly the same semantics: every channel, Alt, barrier and composition
 * behaves identically. They differ only in cost. {@link #VIRTUAL} is the default; {@link
 * #PLATFORM} exists so that benchmarks (and sceptics) can compare.
 *
 * <p>The default backend is read once, the first time it is needed, from the system property
 * {@code csp.backend} or, if that is absent, the environment variable {@code CSP} (the variable
 * python-csp used). Accepted values, in any case: {@code VIRTUAL}, {@code PLATFORM}, {@code
 * THREADS} and {@code PROCESSES} (python-csp's names, both aliases of {@code PLATFORM}: Java has
 * no process per CSP process; a platform thread per process, an operating-system thread each,
 * is the nearest it has, and a one-line note on standard error says so when {@code PROCESSES} is
 * read from the environment). Code can override it with {@link
 * Csp#setBackend(Backend)} or per process with {@link CSPProcess#backend(Backend)}.
 */
public enum Backend {
    /** One virtual thread per process (the default). */
    VIRTUAL,
    /** One platform (operating-system) thread per process. */
    PLATFORM;

    /**
     * Parses a backend name as accepted in {@code CSP} / {@code csp.backend}.
     *
     * @param value the name, case-insensitive; {@code THREADS} and {@code PROCESSES} (python-csp's
     *     names) are aliases of {@code PLATFORM}
     * @return the backend
     * @throws IllegalArgumentException naming the accepted values if {@code value} is unknown
     */
    public static Backend parse(String value) {
        String v = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        return switch (v) {
            case "VIRTUAL" -> VIRTUAL;
            case "PLATFORM", "THREADS", "PROCESSES" -> PLATFORM;
            default -> throw new IllegalArgumentException("Unknown loomcsp backend '" + value
                    + "'. Accepted values (case-insensitive): "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))
                    + ", THREADS and PROCESSES (python-csp's names, aliases of PLATFORM). Set it with -Dcsp.backend=... or the CSP"
                    + " environment variable, or unset it for the default (VIRTUAL).");
        };
    }
}
