package dev.rcguard.servers.support;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A server log cut into records: a record starts with a line that {@code start} matches (its timestamp) and goes on
 * with the lines that do not, such as a stack trace.
 *
 * <pre>{@code
 * List<String> records = LogRecords.split(serverLog, Pattern.compile("^\\d{4}-\\d{2}-\\d{2} "));
 * }</pre>
 */
public final class LogRecords {

    private LogRecords() {}

    public static List<String> split(String log, Pattern start) {
        List<String> records = new ArrayList<>();
        StringBuilder record = null;
        for (String line : log.lines().toList()) {
            if (start.matcher(line).find()) {
                if (record != null) {
                    records.add(record.toString());
                }
                record = new StringBuilder(line);
            } else if (record != null) {
                record.append('\n').append(line);
            }
        }
        if (record != null) {
            records.add(record.toString());
        }
        return records;
    }
}
