package org.loomcsp.webserver;

import org.loomcsp.CSPProcess;
import org.loomcsp.Channel;
import org.loomcsp.ChannelPoison;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process that writes the access log: it reads entries from its channel and hands each
 * line to the Logback logger {@value #LOGGER}, so no connection process ever waits on the
 * log's disk.
 *
 * <p>It ends when it reads {@link AccessLogEntry#END} (sent by the acceptor after the last
 * connection finished), at which point everything before it has been written; it then poisons
 * its channel so that a straggler's write fails fast instead of blocking. It also ends if the
 * channel is poisoned from elsewhere.
 */
final class AccessLogProcess {
    /** The name of the Logback logger that receives access-log lines. */
    static final String LOGGER = "org.loomcsp.webserver.access";

    private final Channel<AccessLogEntry> in;
    private final AccessLogFormat format;
    private final Logger log = LoggerFactory.getLogger(LOGGER);

    AccessLogProcess(Channel<AccessLogEntry> in, AccessLogFormat format) {
        this.in = in;
        this.format = format;
    }

    CSPProcess process() {
        return new CSPProcess("access-log", this::run, in);
    }

    private void run() throws InterruptedException {
        try {
            while (true) {
                AccessLogEntry e = in.read();
                if (e == AccessLogEntry.END) {
                    break;
                }
                if (format != AccessLogFormat.OFF) {
                    log.info(e.format(format));
                }
            }
        } catch (ChannelPoison p) {
            // the network is shutting down
        } finally {
            in.poison();
        }
    }
}
