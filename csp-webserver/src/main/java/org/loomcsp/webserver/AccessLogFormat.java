package org.loomcsp.webserver;

/** Which access log to write. */
public enum AccessLogFormat {
    /** No access log: connection processes send nothing to the log process. */
    OFF,
    /** Common Log Format: {@code host ident authuser [date] "request" status bytes}. */
    COMMON,
    /** Combined Log Format: Common plus {@code "Referer" "User-Agent"}. */
    COMBINED
}
