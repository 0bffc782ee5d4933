package dev.rcguard.internal.json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of RFC 8259 JSON for authorization answers, where anything ambiguous must read as "no": strict UTF-8
 * (no byte order mark, no malformed or overlong sequence, no lone surrogate, escaped or not), no duplicate member
 * name in any object, nothing but whitespace after the one value, no nesting deeper than {@link #MAX_DEPTH}. It reads
 * the whole text in one pass over a bounded input, so its work is linear in the size of the answer and it cannot wait
 * for more.
 *
 * <p>Values: {@code Map<String, Object>} for objects (in order), {@code List<Object>} for arrays, {@code String},
 * {@code Boolean}, {@link #NULL} for {@code null}, and {@link Number} for numbers (their text, unparsed: the guard reads
 * no number).
 *
 * <pre>{@code
 * Object answer = StrictJson.parse(body); // throws MalformedJsonException
 * }</pre>
 */
public final class StrictJson {

    /** JSON's {@code null}, apart from a member that is absent. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A JSON number, kept as its text. */
    public record Number(String text) {}

    /** Deeper than any answer of RingCentral's (they nest four levels). */
    static final int MAX_DEPTH = 32;

    private final String text;
    private int at;

    private StrictJson(String text) {
        this.text = text;
    }

    /**
     * The one JSON value {@code utf8} holds.
     *
     * @throws MalformedJsonException if it is not exactly one strict JSON value
     */
    public static Object parse(byte[] utf8) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedJsonException("not UTF-8");
        }
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            throw new MalformedJsonException("byte order mark");
        }
        StrictJson reader = new StrictJson(text);
        reader.skipWhitespace();
        Object value = reader.value(0);
        reader.skipWhitespace();
        if (reader.at != text.length()) {
            throw new MalformedJsonException("content after the value at " + reader.at);
        }
        return value;
    }

    private Object value(int depth) {
        if (at >= text.length()) {
            throw new MalformedJsonException("value expected at the end");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> number();
        };
    }

    private Map<String, Object> object(int depth) {
        requireDepth(depth);
        at++; // {
        Map<String, Object> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            at++;
            return Collections.unmodifiableMap(members);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new MalformedJsonException("member name expected at " + at);
            }
            String name = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object value = value(depth);
            if (members.putIfAbsent(name, value) != null) {
                throw new MalformedJsonException("duplicate member name before " + at);
            }
            skipWhitespace();
            char next = next();
            if (next == '}') {
                return Collections.unmodifiableMap(members);
            }
            if (next != ',') {
                throw new MalformedJsonException("',' or '}' expected at " + (at - 1));
            }
        }
    }

    private List<Object> array(int depth) {
        requireDepth(depth);
        at++; // [
        List<Object> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            at++;
            return Collections.unmodifiableList(items);
        }
        while (true) {
            skipWhitespace();
            items.add(value(depth));
            skipWhitespace();
            char next = next();
            if (next == ']') {
                return Collections.unmodifiableList(items);
            }
            if (next != ',') {
                throw new MalformedJsonException("',' or ']' expected at " + (at - 1));
            }
        }
    }

    private String string() {
        at++; // "
        StringBuilder s = null;
        int start = at;
        while (true) {
            char c = next();
            if (c == '"') {
                return s == null ? text.substring(start, at - 1) : s.toString();
            }
            if (c < 0x20) {
                throw new MalformedJsonException("control character in a string at " + (at - 1));
            }
            if (c != '\\') {
                if (s != null) {
                    s.append(c);
                }
                continue;
            }
            if (s == null) {
                s = new StringBuilder(text.substring(start, at - 1));
            }
            char escaped = next();
            switch (escaped) {
                case '"', '\\', '/' -> s.append(escaped);
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'u' -> s.append(unicodeEscape());
                default -> throw new MalformedJsonException("bad escape at " + (at - 1));
            }
        }
    }

    /** One {@code \\uXXXX} escape, or a surrogate pair of two; a lone surrogate is refused. */
    private String unicodeEscape() {
        char c = hex4();
        if (Character.isHighSurrogate(c)) {
            if (at + 6 <= text.length() && text.charAt(at) == '\\' && text.charAt(at + 1) == 'u') {
                at += 2;
                char low = hex4();
                if (Character.isLowSurrogate(low)) {
                    return new String(new char[] {c, low});
                }
            }
            throw new MalformedJsonException("lone surrogate escape at " + at);
        }
        if (Character.isLowSurrogate(c)) {
            throw new MalformedJsonException("lone surrogate escape at " + at);
        }
        return String.valueOf(c);
    }

    private char hex4() {
        if (at + 4 > text.length()) {
            throw new MalformedJsonException("short \\u escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(at++), 16);
            if (digit < 0) {
                throw new MalformedJsonException("bad \\u escape at " + (at - 1));
            }
            value = value * 16 + digit;
        }
        return (char) value;
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, kept as text. */
    private Number number() {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        if (peek() == '0') {
            at++;
        } else {
            digits();
        }
        if (peek() == '.') {
            at++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            at++;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            digits();
        }
        return new Number(text.substring(start, at));
    }

    private void digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        if (at == start) {
            throw new MalformedJsonException("digit expected at " + at);
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw new MalformedJsonException("unexpected character at " + at);
        }
        at += word.length();
        return value;
    }

    private static void requireDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new MalformedJsonException("nested deeper than " + MAX_DEPTH);
        }
    }

    private void skipWhitespace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private char next() {
        if (at >= text.length()) {
            throw new MalformedJsonException("unexpected end");
        }
        return text.charAt(at++);
    }

    private void expect(char c) {
        if (next() != c) {
            throw new MalformedJsonException("'" + c + "' expected at " + (at - 1));
        }
    }
}
