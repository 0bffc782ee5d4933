package dev.rcguard.simulator.hostile;

import dev.rcguard.simulator.Endpoint;
import dev.rcguard.simulator.hostile.Responder.After;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vocabulary {@link AnswerKind} is written in: body templates, the canonical RingCentral bodies, and
 * writers of whole responses.
 *
 * <p>Templates read like the JSON they make: {@code '} stands for {@code "}; {@code $NAME} is a placeholder
 * (see {@link Vars}); {@code %xHH} is the raw byte HH (to write bytes that are not UTF-8); every other
 * character is written as UTF-8.
 */
final class Kinds {
    private Kinds() {}

    /** A body for a request. */
    @FunctionalInterface
    interface Body {
        byte[] bytes(Asked asked);

        default Body map(UnaryOperator<byte[]> change) {
            return asked -> change.apply(bytes(asked));
        }
    }

    static final String CRLF = "\r\n";

    /** RingCentral's grant, as in API.md. */
    static final String PERM_GRANT = "{'uri':'$URI','successful':true,'details':$DETAILS}";

    static final String DETAILS = "{'permission':{'uri':'$PURI','id':'$ID','assignable':true,'readOnly':false,"
            + "'siteCompatible':'Independent'},'effectiveRole':{'uri':'$BASE/restapi/v1.0/dictionary/user-role/1',"
            + "'id':'1'},'scopes':['AllExtensions']}";

    /** RingCentral's denial: no details, no reason. */
    static final String PERM_DENIAL = "{'uri':'$URI','successful':false}";

    /** An available feature record. */
    static final String RECORD = "{'id':'$ID','available':true,'params':[{'name':'limitMax','value':'100'}]}";

    /** An unavailable feature record with RingCentral's reason. */
    static final String DENIED_RECORD = "{'id':'$ID','available':false,'reason':{'code':'ServicePlanLimitation',"
            + "'message':'The feature is unavailable for the current service plan'}}";

    static final String OK = "HTTP/1.1 200 OK";
    static final String JSON = "Content-Type: application/json";
    static final String LENGTH = "Content-Length: $LEN";

    /** The permission body from a template ({@code $ID} is the asked permission id). */
    static Body perm(String template) {
        return asked -> render(template, new Vars(asked, asked.firstId(), null));
    }

    /**
     * The features body from an outer template in which {@code $EACH} is {@code record}, once per asked feature id
     * (comma-separated, {@code $ID} being that id). Outside {@code $EACH}, {@code $ID} is the first asked id.
     */
    static Body feat(String outer, String record) {
        return asked -> render(outer, new Vars(asked, asked.firstId(), record));
    }

    /** {@code {"records":[record for each asked id]}}. */
    static Body featEach(String record) {
        return feat("{'records':[$EACH]}", record);
    }

    /** The permission body for a permission check, the features body for a features call. */
    static Body either(Body permission, Body features) {
        return asked -> asked.endpoint() == Endpoint.FEATURES ? features.bytes(asked) : permission.bytes(asked);
    }

    /** The canonical genuine grant for what was asked. */
    static final Body GRANT_BODY = either(perm(PERM_GRANT), featEach(RECORD));

    /** The canonical genuine denial for what was asked. */
    static final Body DENIAL_BODY = either(perm(PERM_DENIAL), featEach(DENIED_RECORD));

    /** 200, {@code application/json}, a correct Content-Length, the permission or features template. */
    static Responder ok(String permissionTemplate, String featureRecord) {
        return ok(either(perm(permissionTemplate), featEach(featureRecord)));
    }

    static Responder ok(Body body) {
        return reply(body, OK, JSON, LENGTH);
    }

    /** The canonical grant body under this status line and these header lines. */
    static Responder grantUnder(String statusLine, String... headerLines) {
        return reply(GRANT_BODY, statusLine, headerLines);
    }

    /**
     * A status line, header lines and a body, as given. In header lines, {@code $LEN} is the body's length in
     * bytes, {@code $LEN+N} and {@code $LEN-N} that length plus or minus N.
     */
    static Responder reply(Body body, String statusLine, String... headerLines) {
        return (wire, asked) -> {
            byte[] bytes = body.bytes(asked);
            wire.write(head(statusLine, headerLines, bytes.length));
            wire.write(bytes);
            return After.KEEP_ALIVE;
        };
    }

    /** Like {@link #reply} but the body is chunked in pieces of {@code size} (the header lines say so or not). */
    static Responder chunkedReply(Body body, int size, String statusLine, String... headerLines) {
        return (wire, asked) -> {
            byte[] bytes = body.bytes(asked);
            wire.write(head(statusLine, headerLines, bytes.length));
            wire.write(chunks(bytes, size));
            return After.KEEP_ALIVE;
        };
    }

    /** A RingCentral error answer: {@code status}, {@code application/json}, the error body. */
    static Responder error(String statusLine, String json, String... extraHeaders) {
        String[] headers = new String[extraHeaders.length + 2];
        headers[0] = JSON;
        System.arraycopy(extraHeaders, 0, headers, 1, extraHeaders.length);
        headers[headers.length - 1] = LENGTH;
        return reply(perm(json), statusLine, headers);
    }

    /** RingCentral's error body template: {@code {"errorCode","message","errors":[{"errorCode","message"}]}}. */
    static String errorJson(String topCode, String code, String message) {
        return "{'errorCode':'" + topCode + "','message':'" + message + "','errors':[{'errorCode':'" + code
                + "','message':'" + message + "'}]}";
    }

    private static final Pattern LEN = Pattern.compile("\\$LEN([+-][0-9]+)?");

    /**
     * Status line, header lines, blank line; ISO-8859-1 bytes. In header lines {@code $LEN}, {@code $LEN+N} and
     * {@code $LEN-N} are the body's length (plus or minus N), {@code $HEXLEN} that length in hex, and
     * {@code $WRAPLEN} that length plus 2^64 (what a 64-bit reader that overflows silently would read as the
     * length).
     */
    static byte[] head(String statusLine, String[] headerLines, int bodyLength) {
        StringBuilder head = new StringBuilder(statusLine).append(CRLF);
        for (String line : headerLines) {
            line = line.replace("$HEXLEN", Integer.toHexString(bodyLength))
                    .replace(
                            "$WRAPLEN",
                            java.math.BigInteger.ONE
                                    .shiftLeft(64)
                                    .add(java.math.BigInteger.valueOf(bodyLength))
                                    .toString());
            Matcher m = LEN.matcher(line);
            StringBuilder replaced = new StringBuilder();
            while (m.find()) {
                long value = bodyLength + (m.group(1) == null ? 0 : Long.parseLong(m.group(1)));
                m.appendReplacement(replaced, Long.toString(value));
            }
            m.appendTail(replaced);
            head.append(replaced).append(CRLF);
        }
        return head.append(CRLF).toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code body} in chunks of {@code size} bytes (hex sizes, lower case), then the last chunk and CRLF. */
    static byte[] chunks(byte[] body, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + body.length / size * 8 + 16);
        for (int from = 0; from < body.length; from += size) {
            int n = Math.min(size, body.length - from);
            out.writeBytes(latin1(Integer.toHexString(n) + CRLF));
            out.write(body, from, n);
            out.writeBytes(latin1(CRLF));
        }
        out.writeBytes(latin1("0" + CRLF + CRLF));
        return out.toByteArray();
    }

    /** One chunk: hex size, CRLF, data, CRLF. */
    static byte[] chunk(byte[] data) {
        return concat(latin1(Integer.toHexString(data.length) + CRLF), data, latin1(CRLF));
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static byte[] repeat(String s, int times) {
        return latin1(s.repeat(times));
    }

    /** The first {@code n} bytes. */
    static byte[] prefix(byte[] bytes, int n) {
        return Arrays.copyOf(bytes, Math.max(0, Math.min(n, bytes.length)));
    }

    /** Renders a template (see the class comment). */
    static byte[] render(String template, Function<String, byte[]> vars) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(template.length() * 2);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '\'') {
                out.write('"');
                i++;
            } else if (c == '$' && i + 1 < template.length() && isNameChar(template.charAt(i + 1))) {
                int end = i + 1;
                while (end < template.length() && isNameChar(template.charAt(end))) {
                    end++;
                }
                out.writeBytes(vars.apply(template.substring(i + 1, end)));
                i = end;
            } else if (c == '%' && i + 3 < template.length() && template.charAt(i + 1) == 'x') {
                out.write(Integer.parseInt(template.substring(i + 2, i + 4), 16));
                i += 4;
            } else {
                int cp = template.codePointAt(i);
                out.writeBytes(utf8(new String(Character.toChars(cp))));
                i += Character.charCount(cp);
            }
        }
        return out.toByteArray();
    }

    private static boolean isNameChar(char c) {
        return (c >= 'A' && c <= 'Z') || c == '_';
    }

    /**
     * The placeholders of templates. Literal ones are JSON string content (already escaped): {@code $ID} the id
     * (the permission id, or the feature id of the current record), {@code $URI} the request's own URI,
     * {@code $PURI} the permission's dictionary URI, {@code $BASE} the stand-in's base URI, and mutations of the
     * id: {@code $OTHER} another id, {@code $CASE} the id in other letter case, {@code $FW} the id with its first
     * character in full width, {@code $TRUNC} without its last character, {@code $LONGER} with "All" appended,
     * {@code $ESCID} with its first character as a {@code \}{@code uXXXX} escape (the same id), {@code $SURRID} with
     * a lone surrogate escape after its first character, {@code $OVERID} with its first character in overlong
     * UTF-8. Nested templates: {@code $GRANT}, {@code $DETAILS}, {@code $DENIAL}, {@code $REC}, {@code $DENYREC}
     * (the canonical bodies above), {@code $RECS} and {@code $DENYRECS} (a canonical record per asked feature id),
     * and {@code $EACH} (a features body's record template per asked feature id).
     */
    static final class Vars implements Function<String, byte[]> {
        private final Asked asked;
        private final String id;
        private final String record;

        Vars(Asked asked, String id, String record) {
            this.asked = asked;
            this.id = id;
            this.record = record;
        }

        @Override
        public byte[] apply(String name) {
            return switch (name) {
                case "ID" -> utf8(escape(id));
                case "URI" -> utf8(escape(asked.baseUri() + asked.target()));
                case "PURI" -> utf8(escape(asked.baseUri() + "/restapi/v1.0/dictionary/permission/" + id));
                case "BASE" -> utf8(escape(asked.baseUri()));
                case "OTHER" -> utf8(escape(other(asked)));
                case "CASE" -> utf8(escape(otherCase(id)));
                case "FW" -> utf8(escape(fullWidthFirst(id)));
                case "TRUNC" -> utf8(escape(id.isEmpty() ? "x" : id.substring(0, id.length() - 1)));
                case "LONGER" -> utf8(escape(id + "All"));
                case "ESCID" ->
                    utf8(id.isEmpty() ? "" : String.format("\\u%04x", (int) id.charAt(0)) + escape(id.substring(1)));
                case "SURRID" ->
                    utf8(id.isEmpty() ? "\\ud800" : escape(id.substring(0, 1)) + "\\ud800" + escape(id.substring(1)));
                case "OVERID" -> overlongFirst(id);
                case "GRANT" -> render(PERM_GRANT, this);
                case "DETAILS" -> render(DETAILS, this);
                case "DENIAL" -> render(PERM_DENIAL, this);
                case "REC" -> render(RECORD, this);
                case "DENYREC" -> render(DENIED_RECORD, this);
                case "RECS" -> each(RECORD);
                case "DENYRECS" -> each(DENIED_RECORD);
                case "EACH" -> each(record);
                default -> throw new IllegalArgumentException("Unknown placeholder $" + name);
            };
        }

        private byte[] each(String template) {
            if (template == null) {
                throw new IllegalArgumentException("$EACH outside a features body");
            }
            List<String> ids = asked.featureIds();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < ids.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.writeBytes(render(template, new Vars(asked, ids.get(i), record)));
            }
            return out.toByteArray();
        }
    }

    /** JSON string content for {@code s}. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static final List<String> OTHER_IDS =
            List.of("AccountAdministration", "UserManagement", "ReadCompanyInfo", "EditExtensions");

    /** A real-looking id that is none of the asked ones. */
    static String other(Asked asked) {
        for (String candidate : OTHER_IDS) {
            if (!candidate.equals(asked.permissionId().orElse(null))
                    && !asked.featureIds().contains(candidate)) {
                return candidate;
            }
        }
        return "Other_Permission_Id";
    }

    /** {@code id} with the case of every letter swapped; an id without letters gets an "x" in front. */
    static String otherCase(String id) {
        StringBuilder out = new StringBuilder(id.length());
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        String swapped = out.toString();
        return swapped.equals(id) ? "x" + id : swapped;
    }

    /** {@code id} with its first character (if printable ASCII) in its full-width form, U+FF01..U+FF5E. */
    static String fullWidthFirst(String id) {
        if (id.isEmpty() || id.charAt(0) < '!' || id.charAt(0) > '~') {
            return "\uFF21" + id;
        }
        return (char) (id.charAt(0) - '!' + 0xFF01) + id.substring(1);
    }

    /** {@code id} as UTF-8 with its first character (if ASCII) in the overlong two-byte form. */
    static byte[] overlongFirst(String id) {
        if (id.isEmpty() || id.charAt(0) >= 0x80) {
            return concat(new byte[] {(byte) 0xC0, (byte) 0x80}, utf8(escape(id)));
        }
        char c = id.charAt(0);
        return concat(new byte[] {(byte) (0xC0 | (c >> 6)), (byte) (0x80 | (c & 0x3F))}, utf8(escape(id.substring(1))));
    }
}
