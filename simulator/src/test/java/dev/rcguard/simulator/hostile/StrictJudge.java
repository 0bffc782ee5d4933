package dev.rcguard.simulator.hostile;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the raw bytes the stand-in wrote for one request, written from the library's definition of a
 * genuine grant (not from the stand-in's code). Tests compare its verdict with each kind's hand-written label: two
 * independent readings of the definition that must agree.
 */
final class StrictJudge {
    private StrictJudge() {}

    /**
     * @param grants per asked id (one for a permission check), whether it is a genuine grant
     * @param reason why not, or "grant"
     * @param leftover bytes after the first final response, or -1 when the response could not be framed
     * @param status the final status code, or -1
     */
    record Verdict(List<Boolean> grants, String reason, int leftover, int status) {
        boolean grant(int index) {
            return grants.get(index);
        }
    }

    private static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final String TCHAR = "[!#$%&'*+.^_`|~0-9A-Za-z-]";
    private static final Pattern STATUS_LINE =
            Pattern.compile("HTTP/1\\.1 ([0-9]{3})(?: [\\t\\x20-\\x7E\\x80-\\xFF]*)?");
    private static final Pattern HEADER_LINE =
            Pattern.compile("(" + TCHAR + "+):[ \\t]*([\\t\\x20-\\x7E\\x80-\\xFF]*?)[ \\t]*");
    private static final String QUOTED =
            "\"(?:[\\t\\x20\\x21\\x23-\\x5B\\x5D-\\x7E\\x80-\\xFF]|\\\\[\\t\\x20-\\x7E\\x80-\\xFF])*\"";
    private static final Pattern CHUNK_LINE = Pattern.compile("([0-9A-Fa-f]{1,8})((?:[ \\t]*;[ \\t]*" + TCHAR
            + "+(?:[ \\t]*=[ \\t]*(?:" + TCHAR + "+|" + QUOTED + "))?)*)");
    private static final Pattern MEDIA_TYPE = Pattern.compile("(" + TCHAR + "+)/(" + TCHAR + "+)(.*)");
    private static final Pattern PARAMETER =
            Pattern.compile("[ \\t]*;[ \\t]*(" + TCHAR + "+)=(" + TCHAR + "+|" + QUOTED + ")");

    static Verdict permission(byte[] wire, String permissionId) {
        return judge(wire, 1, root -> {
            if (!(root instanceof Map<?, ?> object)) {
                return List.of(false);
            }
            if (object.get("successful") != Boolean.TRUE) {
                return List.of(false);
            }
            if (!(object.get("details") instanceof Map<?, ?> details)
                    || !(details.get("permission") instanceof Map<?, ?> permission)) {
                return List.of(false);
            }
            return List.of(permissionId.equals(permission.get("id")));
        });
    }

    static Verdict features(byte[] wire, List<String> featureIds) {
        return judge(wire, featureIds.size(), root -> {
            List<Boolean> grants = new ArrayList<>();
            for (String id : featureIds) {
                boolean grant = false;
                if (root instanceof Map<?, ?> object && object.get("records") instanceof List<?> records) {
                    List<Map<?, ?>> matching = new ArrayList<>();
                    for (Object record : records) {
                        if (record instanceof Map<?, ?> r && id.equals(r.get("id"))) {
                            matching.add(r);
                        }
                    }
                    grant = matching.size() == 1 && matching.get(0).get("available") == Boolean.TRUE;
                }
                grants.add(grant);
            }
            return grants;
        });
    }

    private interface Rule {
        List<Boolean> grants(Object root);
    }

    private static Verdict judge(byte[] wire, int ids, Rule rule) {
        List<Boolean> none = new ArrayList<>();
        for (int i = 0; i < ids; i++) {
            none.add(false);
        }
        Reader reader = new Reader(wire);
        int status;
        List<String[]> headers;
        byte[] body;
        try {
            while (true) {
                String statusLine = reader.line();
                Matcher m = STATUS_LINE.matcher(statusLine);
                if (!m.matches()) {
                    throw new Rejected("status line " + printable(statusLine));
                }
                status = Integer.parseInt(m.group(1));
                headers = reader.headers();
                if (status == 101) {
                    throw new Rejected("101 Switching Protocols");
                }
                if (status >= 200) {
                    break;
                }
                if (status < 100) {
                    throw new Rejected("status " + status);
                }
            }
            body = reader.body(status, headers);
        } catch (Rejected e) {
            return new Verdict(none, e.getMessage(), -1, -1);
        }
        int leftover = wire.length - reader.at;
        try {
            if (status != 200) {
                throw new Rejected("status " + status);
            }
            if (!values(headers, "Content-Encoding").isEmpty()) {
                throw new Rejected("Content-Encoding");
            }
            contentType(values(headers, "Content-Type"));
            Object root = parse(body);
            List<Boolean> grants = rule.grants(root);
            return new Verdict(grants, grants.contains(false) ? "not granted by the body" : "grant", leftover, status);
        } catch (Rejected e) {
            return new Verdict(none, e.getMessage(), leftover, status);
        }
    }

    private static List<String> values(List<String[]> headers, String name) {
        List<String> values = new ArrayList<>();
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                values.add(header[1]);
            }
        }
        return values;
    }

    private static void contentType(List<String> values) throws Rejected {
        if (values.size() != 1) {
            throw new Rejected(values.size() + " Content-Type headers");
        }
        Matcher m = MEDIA_TYPE.matcher(values.get(0));
        if (!m.matches()
                || !m.group(1).equalsIgnoreCase("application")
                || !m.group(2).equalsIgnoreCase("json")) {
            throw new Rejected("Content-Type " + values.get(0));
        }
        String parameters = m.group(3);
        Matcher p = PARAMETER.matcher(parameters);
        int at = 0;
        while (at < parameters.length()) {
            if (!p.find(at) || p.start() != at) {
                if (parameters.substring(at).isBlank()) {
                    break;
                }
                throw new Rejected("Content-Type parameters " + parameters);
            }
            String value = p.group(2).startsWith("\"")
                    ? p.group(2).substring(1, p.group(2).length() - 1)
                    : p.group(2);
            if (p.group(1).equalsIgnoreCase("charset") && !value.equalsIgnoreCase("utf-8")) {
                throw new Rejected("charset " + value);
            }
            at = p.end();
        }
    }

    /** Reads heads and bodies off the raw bytes. */
    private static final class Reader {
        private final byte[] wire;
        private int at;

        Reader(byte[] wire) {
            this.wire = wire;
        }

        /** A line ending in CRLF; a bare CR or LF anywhere is malformed. */
        String line() throws Rejected {
            int start = at;
            for (int i = at; i < wire.length; i++) {
                if (wire[i] == '\r') {
                    if (i + 1 < wire.length && wire[i + 1] == '\n') {
                        at = i + 2;
                        return new String(wire, start, i - start, StandardCharsets.ISO_8859_1);
                    }
                    throw new Rejected("bare CR");
                }
                if (wire[i] == '\n') {
                    throw new Rejected("bare LF");
                }
            }
            throw new Rejected("incomplete line");
        }

        List<String[]> headers() throws Rejected {
            List<String[]> headers = new ArrayList<>();
            while (true) {
                String line = line();
                if (line.isEmpty()) {
                    return headers;
                }
                if (line.startsWith(" ") || line.startsWith("\t")) {
                    throw new Rejected("obs-fold or leading whitespace: " + printable(line));
                }
                Matcher m = HEADER_LINE.matcher(line);
                if (!m.matches()) {
                    throw new Rejected("header line " + printable(line));
                }
                headers.add(new String[] {m.group(1), m.group(2)});
            }
        }

        byte[] body(int status, List<String[]> headers) throws Rejected {
            if (status == 204 || status == 304) {
                return new byte[0];
            }
            List<String> codings = values(headers, "Transfer-Encoding");
            List<String> lengths = values(headers, "Content-Length");
            if (!codings.isEmpty()) {
                if (!lengths.isEmpty()) {
                    throw new Rejected("both Content-Length and Transfer-Encoding");
                }
                List<String> all = new ArrayList<>();
                for (String value : codings) {
                    for (String coding : value.split(",", -1)) {
                        all.add(coding.strip().toLowerCase(Locale.ROOT));
                    }
                }
                if (!all.equals(List.of("chunked"))) {
                    throw new Rejected("Transfer-Encoding " + codings);
                }
                return chunked();
            }
            if (lengths.size() != 1) {
                throw new Rejected(lengths.isEmpty() ? "no framing" : lengths.size() + " Content-Length headers");
            }
            if (!lengths.get(0).matches("[0-9]{1,9}")) {
                throw new Rejected("Content-Length " + lengths.get(0));
            }
            int length = Integer.parseInt(lengths.get(0));
            if (wire.length - at < length) {
                throw new Rejected("body shorter than Content-Length");
            }
            byte[] body = java.util.Arrays.copyOfRange(wire, at, at + length);
            at += length;
            return body;
        }

        private byte[] chunked() throws Rejected {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            while (true) {
                String sizeLine = line();
                Matcher m = CHUNK_LINE.matcher(sizeLine);
                if (!m.matches()) {
                    throw new Rejected("chunk size line " + printable(sizeLine));
                }
                int size = Integer.parseInt(m.group(1), 16);
                if (size == 0) {
                    headers(); // trailer fields, then the blank line
                    return body.toByteArray();
                }
                if (wire.length - at < size + 2) {
                    throw new Rejected("chunk cut short");
                }
                body.write(wire, at, size);
                at += size;
                if (wire[at] != '\r' || wire[at + 1] != '\n') {
                    throw new Rejected("no CRLF after chunk data");
                }
                at += 2;
            }
        }
    }

    // ---- strict JSON ---------------------------------------------------------------------------------------

    /** JSON's null, distinct from "absent". */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A number, kept as its text. */
    record Num(String text) {}

    /** Parses on a thread with a large stack, so deep (valid) nesting cannot overflow. */
    static Object parse(byte[] body) throws Rejected {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Rejected("not UTF-8");
        }
        AtomicReference<Object> result = new AtomicReference<>();
        AtomicReference<String> failure = new AtomicReference<>();
        Thread thread = new Thread(
                null,
                () -> {
                    try {
                        Json json = new Json(text);
                        json.ws();
                        Object value = json.value();
                        json.ws();
                        if (json.at != text.length()) {
                            throw new Rejected("text after the JSON value");
                        }
                        result.set(value);
                    } catch (Rejected e) {
                        failure.set(e.getMessage());
                    } catch (RuntimeException | StackOverflowError e) {
                        failure.set("parser failed: " + e);
                    }
                },
                "strict-judge",
                512L * 1024 * 1024);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Rejected("interrupted");
        }
        if (failure.get() != null) {
            throw new Rejected(failure.get());
        }
        return result.get();
    }

    private static final class Json {
        private static final Pattern NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");
        private final String text;
        private int at;

        Json(String text) {
            this.text = text;
        }

        void ws() {
            while (at < text.length()) {
                char c = text.charAt(at);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                at++;
            }
        }

        Object value() throws Rejected {
            if (at >= text.length()) {
                throw new Rejected("JSON ends early");
            }
            char c = text.charAt(at);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", NULL);
                default:
                    Matcher m = NUMBER.matcher(text).region(at, text.length());
                    if (!m.lookingAt()) {
                        throw new Rejected("unexpected '" + c + "' at " + at);
                    }
                    at = m.end();
                    return new Num(m.group());
            }
        }

        private Object literal(String word, Object value) throws Rejected {
            if (!text.startsWith(word, at)) {
                throw new Rejected("bad literal at " + at);
            }
            at += word.length();
            return value;
        }

        private Map<String, Object> object() throws Rejected {
            Map<String, Object> object = new LinkedHashMap<>();
            at++;
            ws();
            if (peek() == '}') {
                at++;
                return object;
            }
            while (true) {
                ws();
                if (peek() != '"') {
                    throw new Rejected("member name expected at " + at);
                }
                String name = string();
                ws();
                expect(':');
                ws();
                Object value = value();
                if (object.containsKey(name)) {
                    throw new Rejected("duplicate member \"" + printable(name) + "\"");
                }
                object.put(name, value);
                ws();
                char c = peek();
                at++;
                if (c == '}') {
                    return object;
                }
                if (c != ',') {
                    throw new Rejected("',' or '}' expected at " + (at - 1));
                }
            }
        }

        private List<Object> array() throws Rejected {
            List<Object> array = new ArrayList<>();
            at++;
            ws();
            if (peek() == ']') {
                at++;
                return array;
            }
            while (true) {
                ws();
                array.add(value());
                ws();
                char c = peek();
                at++;
                if (c == ']') {
                    return array;
                }
                if (c != ',') {
                    throw new Rejected("',' or ']' expected at " + (at - 1));
                }
            }
        }

        private String string() throws Rejected {
            StringBuilder out = new StringBuilder();
            at++;
            while (true) {
                if (at >= text.length()) {
                    throw new Rejected("unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    break;
                }
                if (c < 0x20) {
                    throw new Rejected("raw control character in a string");
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = at < text.length() ? text.charAt(at++) : 0;
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()
                                || !text.substring(at, at + 4).matches("[0-9A-Fa-f]{4}")) {
                            throw new Rejected("bad \\u escape");
                        }
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw new Rejected("bad escape \\" + e);
                }
            }
            String s = out.toString();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        throw new Rejected("lone surrogate");
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    throw new Rejected("lone surrogate");
                }
            }
            return s;
        }

        private char peek() throws Rejected {
            if (at >= text.length()) {
                throw new Rejected("JSON ends early");
            }
            return text.charAt(at);
        }

        private void expect(char c) throws Rejected {
            if (peek() != c) {
                throw new Rejected("'" + c + "' expected at " + at);
            }
            at++;
        }
    }

    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\x%02X", (int) c));
        }
        return out.length() > 120 ? out.substring(0, 120) + "..." : out.toString();
    }
}
