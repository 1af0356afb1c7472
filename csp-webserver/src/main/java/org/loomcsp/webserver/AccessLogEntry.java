package org.loomcsp.webserver;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One line of the access log, as sent by a connection process to the access-log process.
 *
 * @param remote      the client address
 * @param time        when the request was received
 * @param requestLine the request line, or null when none could be read
 * @param status      the response status
 * @param bytes       body bytes sent
 * @param referer     the Referer header, or null
 * @param userAgent   the User-Agent header, or null
 */
public record AccessLogEntry(String remote, Instant time, String requestLine, int status, long bytes,
                             String referer, String userAgent) {

    /** The marker the acceptor sends last: the log process flushes and ends when it reads it. */
    static final AccessLogEntry END = new AccessLogEntry("", Instant.EPOCH, null, 0, 0, null, null);

    private static final DateTimeFormatter CLF_DATE =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneId.systemDefault());

    /** Formats the entry in Common or Combined Log Format, escaping quotes, backslashes and controls. */
    public String format(AccessLogFormat f) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(remote).append(" - - [").append(CLF_DATE.format(time)).append("] \"");
        escape(sb, requestLine == null ? "-" : requestLine);
        sb.append("\" ").append(status).append(' ').append(bytes == 0 ? "-" : Long.toString(bytes));
        if (f == AccessLogFormat.COMBINED) {
            sb.append(" \"");
            escape(sb, referer == null ? "-" : referer);
            sb.append("\" \"");
            escape(sb, userAgent == null ? "-" : userAgent);
            sb.append('"');
        }
        return sb.toString();
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
    }
}
