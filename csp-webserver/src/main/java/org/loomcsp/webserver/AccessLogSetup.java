package org.loomcsp.webserver;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import java.nio.file.Path;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Points the access-log logger ({@value AccessLogProcess#LOGGER}) at standard output or a file,
 * one line per entry, not passed on to the root logger. Only the access-log process writes to
 * it, so the appender's disk writes never happen on a connection process.
 */
final class AccessLogSetup {
    private AccessLogSetup() {}

    /** Installs the appender; does nothing when {@code format} is OFF or Logback is not the binding. */
    static void configure(AccessLogFormat format, Path file) {
        if (format == AccessLogFormat.OFF) {
            return;
        }
        ILoggerFactory f = LoggerFactory.getILoggerFactory();
        if (!(f instanceof LoggerContext lc)) {
            return;
        }
        PatternLayoutEncoder enc = new PatternLayoutEncoder();
        enc.setContext(lc);
        enc.setPattern("%msg%n");
        enc.start();
        OutputStreamAppender<ILoggingEvent> app;
        if (file == null) {
            ConsoleAppender<ILoggingEvent> c = new ConsoleAppender<>();
            app = c;
        } else {
            FileAppender<ILoggingEvent> fa = new FileAppender<>();
            fa.setFile(file.toString());
            fa.setAppend(true);
            app = fa;
        }
        app.setContext(lc);
        app.setName("ACCESS");
        app.setEncoder(enc);
        app.start();
        ch.qos.logback.classic.Logger logger = lc.getLogger(AccessLogProcess.LOGGER);
        logger.detachAndStopAllAppenders();
        logger.addAppender(app);
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
    }
}
