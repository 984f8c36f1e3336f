package dev.claudefeatures.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures the formatted messages (and any thrown exception's text) of the root logger and of
 * categories that do not pass their records up to it.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Logger> loggers;
    private final SimpleFormatter formatter = new SimpleFormatter();

    private LogCapture(List<Logger> loggers) {
        this.loggers = loggers;
        setLevel(Level.ALL);
        loggers.forEach(logger -> logger.addHandler(this));
    }

    /** Captures the root logger and the named categories. */
    public static LogCapture start(String... detachedCategories) {
        List<Logger> loggers = new java.util.ArrayList<>();
        loggers.add(Logger.getLogger(""));
        for (String category : detachedCategories) {
            loggers.add(Logger.getLogger(category));
        }
        return new LogCapture(loggers);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(String.valueOf(record.getLoggerName())).append(' ')
                .append(formatter.formatMessage(record));
        for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
            line.append(" | ").append(t);
        }
        lines.add(line.toString());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        loggers.forEach(logger -> logger.removeHandler(this));
    }
}
