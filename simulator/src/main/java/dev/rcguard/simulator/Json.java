package dev.rcguard.simulator;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The little JSON this simulator needs: reading the fixture and users files and writing its answers. Objects are
 * {@code Map<String, Object>} in key order, arrays {@code List<Object>}, numbers {@code Double} when read.
 * Kept in-house so the simulator needs nothing but the JDK and can never share a JSON stack with the code
 * it tests.
 *
 * <p>Reading is strict (RFC 8259): a name twice in one object, control characters in strings, a bad escape, a
 * malformed number or anything after the value is an {@link IllegalArgumentException} naming the line and column.
 */
final class Json {
    /**
     * The line each value of a parsed document starts on, by its container (an object or array of that document,
     * by identity) and its member name or index: what a reader of a file needs to say where a wrong value is.
     */
    static final class Lines {
        private final Map<Object, Map<Object, Integer>> byContainer = new IdentityHashMap<>();

        /** The line of {@code container}'s member {@code key} (a name, or an {@code Integer} index); 0 if unknown. */
        int of(Object container, Object key) {
            Map<Object, Integer> members = byContainer.get(container);
            Integer line = members == null ? null : members.get(key);
            return line == null ? 0 : line;
        }

        private void put(Object container, Object key, int line) {
            byContainer.computeIfAbsent(container, c -> new LinkedHashMap<>()).put(key, line);
        }
    }

    /** Text that is not strict JSON, and where. */
    static final class Malformed extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int line;
        private final int column;
        private final String problem;

        Malformed(int line, int column, String problem) {
            super("Malformed JSON at line " + line + ", column " + column + ": " + problem);
            this.line = line;
            this.column = column;
            this.problem = problem;
        }

        int line() {
            return line;
        }

        int column() {
            return column;
        }

        String problem() {
            return problem;
        }
    }

    private static final int MAX_DEPTH = 256;

    private final String text;
    private final Lines lines;
    private int pos;
    // lineAt counts newlines once, from where it last stopped: the reader only moves forward
    private int countedTo;
    private int countedLine = 1;
    private int depth;

    private Json(String text, Lines lines) {
        this.text = text;
        this.lines = lines;
    }

    static Object parse(String text) {
        return parse(text, null);
    }

    /** Parses {@code text}, recording in {@code lines} (when not {@code null}) where each value starts. */
    static Object parse(String text, Lines lines) {
        Json reader = new Json(text, lines);
        Object value = reader.value();
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw reader.error("unexpected text after the JSON value");
        }
        return value;
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(s, out);
        } else if (value instanceof Boolean || value instanceof Number) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String separator = "";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(separator);
                quote(entry.getKey().toString(), out);
                out.append(':');
                write(entry.getValue(), out);
                separator = ",";
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            String separator = "";
            for (Object item : list) {
                out.append(separator);
                write(item, out);
                separator = ",";
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private Object value() {
        skipWhitespace();
        if (pos >= text.length()) {
            throw error("unexpected end of the text");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{', '[' -> nested(c);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    /** Nesting is bounded: no text, however deep, ends in a {@link StackOverflowError}. */
    private Object nested(char open) {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        Object value = open == '{' ? object() : array();
        depth--;
        return value;
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            int nameAt = pos;
            if (peek() != '"') {
                throw error("expected a member name in double quotes");
            }
            String key = string();
            if (map.containsKey(key)) {
                pos = nameAt;
                throw error("\"" + key + "\" appears twice in one object");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            record(map, key);
            map.put(key, value());
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == '}') {
                pos++;
                return map;
            } else {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        pos++;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            record(list, list.size());
            list.add(value());
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else if (peek() == ']') {
                pos++;
                return list;
            } else {
                throw error("expected ',' or ']'");
            }
        }
    }

    private void record(Object container, Object key) {
        if (lines != null) {
            lines.put(container, key, lineAt(pos));
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("a control character in a string (write it as an escape, e.g. \\n)");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char escaped = text.charAt(pos++);
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> {
                    pos -= 2;
                    throw error("unknown escape \\" + escaped);
                }
            }
        }
    }

    private char unicodeEscape() {
        if (pos + 4 > text.length() || !text.substring(pos, pos + 4).chars().allMatch(Json::isHexDigit)) {
            pos -= 2;
            throw error("\\u needs four hex digits");
        }
        char c = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
        pos += 4;
        return c;
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected text");
        }
        pos += word.length();
        return value;
    }

    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private Double number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        if (start == pos) {
            throw error("unexpected character '" + text.charAt(pos) + "'");
        }
        if (!NUMBER.matcher(text.substring(start, pos)).matches()) {
            pos = start;
            throw error("malformed number");
        }
        return Double.valueOf(text.substring(start, pos));
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private void skipWhitespace() {
        while (pos < text.length() && " \t\n\r".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private int lineAt(int offset) {
        if (offset < countedTo) {
            countedTo = 0;
            countedLine = 1;
        }
        for (; countedTo < offset && countedTo < text.length(); countedTo++) {
            if (text.charAt(countedTo) == '\n') {
                countedLine++;
            }
        }
        return countedLine;
    }

    private Malformed error(String what) {
        int at = Math.min(pos, text.length());
        int lineStart = at == 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1;
        return new Malformed(lineAt(at), at - lineStart + 1, what);
    }
}
