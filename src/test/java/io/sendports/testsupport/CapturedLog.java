package io.sendports.testsupport;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Every log record of the application under test while it is captured, with {@code io.sendports} at debug, for the
 * tests that prove a secret appears in no log line.
 */
public final class CapturedLog {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;

    /** Starts capturing. */
    public CapturedLog start() {
        handler.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(handler);
        levelBefore = Logger.getLogger("io.sendports").getLevel();
        Logger.getLogger("io.sendports").setLevel(Level.FINE);
        return this;
    }

    public void stop() {
        Logger.getLogger("").removeHandler(handler);
        Logger.getLogger("io.sendports").setLevel(levelBefore);
    }

    /** Each record as text: logger, formatted message, and the stack trace of its exception. */
    public List<String> lines() {
        return records.stream().map(CapturedLog::text).toList();
    }

    private static String text(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (record.getThrown() == null) {
            return record.getLoggerName() + " " + message;
        }
        StringWriter trace = new StringWriter();
        record.getThrown().printStackTrace(new PrintWriter(trace));
        return record.getLoggerName() + " " + message + " " + trace;
    }
}
