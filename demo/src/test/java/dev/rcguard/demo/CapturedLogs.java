package dev.rcguard.demo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every java.util.logging record of the JVM while open (the root logger's), with the guard's, the simulator's and the
 * demo's loggers ({@code dev.rcguard}) opened down to FINEST: the raw message, its parameters, the formatted line and
 * any stack trace.
 */
final class CapturedLogs extends Handler implements AutoCloseable {

    private final Logger root = Logger.getLogger("");
    private final Logger guard = Logger.getLogger("dev.rcguard");
    private final Level guardLevel = guard.getLevel();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final List<String> lines = new ArrayList<>();

    CapturedLogs() {
        setLevel(Level.ALL);
        guard.setLevel(Level.FINEST);
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder()
                .append(record.getLevel())
                .append(' ')
                .append(record.getLoggerName())
                .append(": ")
                .append(record.getMessage())
                .append(" | ")
                .append(record.getParameters() == null ? "" : Arrays.toString(record.getParameters()))
                .append(" | ")
                .append(formatter.formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(" | ").append(trace);
        }
        synchronized (lines) {
            lines.add(line.toString());
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        root.removeHandler(this);
        guard.setLevel(guardLevel);
    }
}
