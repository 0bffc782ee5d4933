package dev.rcguard.simulator.hostile;

import static dev.rcguard.simulator.hostile.Kinds.CRLF;
import static dev.rcguard.simulator.hostile.Kinds.DENIED_RECORD;
import static dev.rcguard.simulator.hostile.Kinds.GRANT_BODY;
import static dev.rcguard.simulator.hostile.Kinds.JSON;
import static dev.rcguard.simulator.hostile.Kinds.LENGTH;
import static dev.rcguard.simulator.hostile.Kinds.OK;
import static dev.rcguard.simulator.hostile.Kinds.PERM_GRANT;
import static dev.rcguard.simulator.hostile.Kinds.RECORD;
import static dev.rcguard.simulator.hostile.Kinds.concat;
import static dev.rcguard.simulator.hostile.Kinds.either;
import static dev.rcguard.simulator.hostile.Kinds.head;
import static dev.rcguard.simulator.hostile.Kinds.latin1;
import static dev.rcguard.simulator.hostile.Kinds.perm;
import static dev.rcguard.simulator.hostile.Kinds.render;
import static dev.rcguard.simulator.hostile.Kinds.utf8;

import dev.rcguard.simulator.hostile.Kinds.Body;
import dev.rcguard.simulator.hostile.Kinds.Vars;
import dev.rcguard.simulator.hostile.Responder.After;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;

/** Responders and bodies of {@link AnswerKind} that a template cannot say. */
final class Specials {
    private Specials() {}

    /** Bytes a streaming kind writes at most, whatever the client reads: bounded even without a stall cap. */
    static final long MAX_STREAMED_BYTES = 512L * 1024 * 1024;

    // ---- bodies ------------------------------------------------------------------------------------------

    /** The canonical grant with one more member, {@code name: value}, last in the object (a record, for features). */
    static Body withUnread(String name, Supplier<byte[]> value) {
        return either(
                asked -> {
                    byte[] grant = perm(PERM_GRANT).bytes(asked);
                    return concat(
                            Arrays.copyOf(grant, grant.length - 1), utf8(",\"" + name + "\":"), value.get(), utf8("}"));
                },
                asked -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    out.writeBytes(utf8("{\"records\":["));
                    List<String> ids = asked.featureIds();
                    for (int i = 0; i < ids.size(); i++) {
                        if (i > 0) {
                            out.write(',');
                        }
                        byte[] record = render(RECORD, new Vars(asked, ids.get(i), null));
                        out.writeBytes(Arrays.copyOf(record, record.length - 1));
                        out.writeBytes(utf8(",\"" + name + "\":"));
                        out.writeBytes(value.get());
                        out.write('}');
                    }
                    out.writeBytes(utf8("]}"));
                    return out.toByteArray();
                });
    }

    /** The canonical grant with {@code name: value} as its first member (top level, for features too). */
    static Body withLeadingUnread(String name, Supplier<byte[]> value) {
        return asked -> {
            byte[] grant = GRANT_BODY.bytes(asked);
            return concat(
                    utf8("{\"" + name + "\":"), value.get(), utf8(","), Arrays.copyOfRange(grant, 1, grant.length));
        };
    }

    /** {@code depth} nested empty arrays. */
    static byte[] nested(int depth) {
        return concat(latin1("[".repeat(depth)), latin1("]".repeat(depth)));
    }

    /** A JSON string of {@code length} letters. */
    static byte[] padding(int length) {
        return latin1("\"" + "a".repeat(length) + "\"");
    }

    /** An integer with {@code digits} digits. */
    static byte[] longNumber(int digits) {
        return latin1("9" + "0".repeat(digits - 1));
    }

    /**
     * An object with 2^{@code bits} distinct member names that all have the same {@link String#hashCode()} (every
     * name is a sequence of "Aa" and "BB", which hash alike): the classic hash-flooding shape.
     */
    static byte[] collidingKeys(int bits) {
        StringBuilder out = new StringBuilder("{");
        for (int n = 0; n < (1 << bits); n++) {
            if (n > 0) {
                out.append(',');
            }
            out.append('"');
            for (int bit = bits - 1; bit >= 0; bit--) {
                out.append(((n >> bit) & 1) == 0 ? "Aa" : "BB");
            }
            out.append("\":").append(n % 10);
        }
        return latin1(out.append('}').toString());
    }

    /** Features: the first asked id's record from {@code first}, every later one from {@code later}. */
    static Body featuresByPosition(String first, String later) {
        return asked -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(utf8("{\"records\":["));
            List<String> ids = asked.featureIds();
            for (int i = 0; i < ids.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.writeBytes(render(i == 0 ? first : later, new Vars(asked, ids.get(i), null)));
            }
            out.writeBytes(utf8("]}"));
            return out.toByteArray();
        };
    }

    static final String FIRST_AVAILABLE = RECORD;
    static final String LATER_UNAVAILABLE = DENIED_RECORD;

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The JSON text as a JSON string. */
    static byte[] asJsonString(byte[] json) {
        return utf8("\"" + Kinds.escape(new String(json, java.nio.charset.StandardCharsets.UTF_8)) + "\"");
    }

    /** Every {@code "} replaced by {@code '}. */
    static byte[] singleQuoted(byte[] json) {
        byte[] out = json.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == '"') {
                out[i] = '\'';
            }
        }
        return out;
    }

    // ---- genuine variations ------------------------------------------------------------------------------

    /** Interim responses (each a status line and optional header lines), then the canonical grant. */
    static Responder interim(String... interimHeads) {
        return (wire, asked) -> {
            for (String interim : interimHeads) {
                wire.write(interim + CRLF + CRLF);
            }
            return Kinds.ok(GRANT_BODY).answer(wire, asked);
        };
    }

    /** The canonical grant, chunked with sizes in upper-case hex padded with zeros to four digits. */
    static Responder chunkedUpperHex() {
        return chunkedWith(body -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int from = 0; from < body.length; from += 171) {
                int n = Math.min(171, body.length - from);
                out.writeBytes(latin1(String.format("%04X", n) + CRLF));
                out.write(body, from, n);
                out.writeBytes(latin1(CRLF));
            }
            out.writeBytes(latin1("0000" + CRLF + CRLF));
            return out.toByteArray();
        });
    }

    /** The canonical grant, chunked, each size line with chunk extensions (legal; a reader ignores them). */
    static Responder chunkExtensions() {
        return chunkedWith(body -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int from = 0; from < body.length; from += 40) {
                int n = Math.min(40, body.length - from);
                out.writeBytes(latin1(Integer.toHexString(n) + ";name=value;flag;q=\"a b\"" + CRLF));
                out.write(body, from, n);
                out.writeBytes(latin1(CRLF));
            }
            out.writeBytes(latin1("0;last=yes" + CRLF + CRLF));
            return out.toByteArray();
        });
    }

    /** The canonical grant, chunked, with a harmless trailer field after the last chunk. */
    static Responder chunkedTrailer() {
        return chunkedWith(body -> {
            byte[] chunked = Kinds.chunks(body, 64);
            byte[] withoutEnd = Arrays.copyOf(chunked, chunked.length - 2);
            return concat(withoutEnd, latin1("X-Checksum: 1" + CRLF + CRLF));
        });
    }

    /** 200, application/json, {@code Transfer-Encoding: chunked}, the canonical grant encoded by {@code encoder}. */
    static Responder chunkedWith(UnaryOperator<byte[]> encoder) {
        return chunkedWith(encoder, OK, JSON, "Transfer-Encoding: chunked");
    }

    static Responder chunkedWith(UnaryOperator<byte[]> encoder, String statusLine, String... headers) {
        return (wire, asked) -> {
            byte[] body = GRANT_BODY.bytes(asked);
            wire.write(head(statusLine, headers, body.length));
            wire.write(encoder.apply(body));
            return After.KEEP_ALIVE;
        };
    }

    /** The canonical grant response in three parts, {@code gap} apart. */
    static Responder slowGrant(Duration gap) {
        return (wire, asked) -> {
            byte[] body = GRANT_BODY.bytes(asked);
            byte[] all = concat(head(OK, new String[] {JSON, LENGTH}, body.length), body);
            int third = all.length / 3;
            wire.write(Arrays.copyOfRange(all, 0, third));
            wire.pause(gap);
            wire.write(Arrays.copyOfRange(all, third, 2 * third));
            wire.pause(gap);
            wire.write(Arrays.copyOfRange(all, 2 * third, all.length));
            return After.KEEP_ALIVE;
        };
    }

    /** The canonical grant response written and flushed {@code size} bytes at a time, without pauses. */
    static Responder splitWrites(int size) {
        return (wire, asked) -> {
            byte[] body = GRANT_BODY.bytes(asked);
            byte[] all = concat(head(OK, new String[] {JSON, LENGTH}, body.length), body);
            for (int from = 0; from < all.length; from += size) {
                wire.write(Arrays.copyOfRange(all, from, Math.min(all.length, from + size)));
                wire.flush();
            }
            return After.KEEP_ALIVE;
        };
    }

    // ---- status ------------------------------------------------------------------------------------------

    /** A redirect to the same request with {@code hostileKind=100} added: the target answers the canonical grant. */
    static Responder redirect(String statusLine) {
        return (wire, asked) -> {
            String target = asked.target() + (asked.target().contains("?") ? "&" : "?") + "hostileKind="
                    + AnswerKind.CANONICAL_GRANT.number();
            byte[] body = utf8("{\"message\":\"moved\"}");
            wire.write(head(
                    statusLine,
                    new String[] {"Location: " + asked.baseUri() + target, JSON, "Content-Length: " + body.length},
                    body.length));
            wire.write(body);
            return After.KEEP_ALIVE;
        };
    }

    /** Only the body, no status line or headers, then close (an HTTP/0.9 answer). */
    static Responder bodyOnly() {
        return (wire, asked) -> {
            wire.write(GRANT_BODY.bytes(asked));
            return After.CLOSE;
        };
    }

    /** Raw bytes, then close. */
    static Responder rawThenClose(String latin1) {
        return (wire, asked) -> {
            wire.write(latin1);
            return After.CLOSE;
        };
    }

    // ---- framing -----------------------------------------------------------------------------------------

    /** Status line and header lines for the canonical grant, but no blank line and no body: then close. */
    static Responder headersThenEof() {
        return (wire, asked) -> {
            byte[] body = GRANT_BODY.bytes(asked);
            byte[] head = head(OK, new String[] {JSON, LENGTH}, body.length);
            wire.write(Arrays.copyOf(head, head.length - 2));
            return After.CLOSE;
        };
    }

    /** The canonical grant's head and half its body, then a TCP reset. */
    static Responder resetMidBody() {
        return (wire, asked) -> {
            byte[] body = GRANT_BODY.bytes(asked);
            wire.write(head(OK, new String[] {JSON, LENGTH}, body.length));
            wire.write(Arrays.copyOf(body, body.length / 2));
            wire.reset();
            return After.CLOSE;
        };
    }

    /** The canonical grant with Content-Length {@code +extra} too long, then the connection held open. */
    static Responder longerThenHold(int extra) {
        return (wire, asked) -> {
            byte[] body = GRANT_BODY.bytes(asked);
            wire.write(head(OK, new String[] {JSON, "Content-Length: " + (body.length + extra)}, body.length));
            wire.write(body);
            wire.hold();
            return After.CLOSE;
        };
    }

    /** Data chunks of the canonical grant but no last chunk, then the connection held open. */
    static Responder chunksWithoutEndThenHold() {
        return (wire, asked) -> {
            byte[] body = GRANT_BODY.bytes(asked);
            byte[] chunked = Kinds.chunks(body, 64);
            wire.write(head(OK, new String[] {JSON, "Transfer-Encoding: chunked"}, body.length));
            wire.write(Arrays.copyOf(chunked, chunked.length - 5));
            wire.hold();
            return After.CLOSE;
        };
    }

    // ---- outliving ---------------------------------------------------------------------------------------

    /** {@code first}, then at once {@code second} on the same connection. */
    static Responder then(Responder first, Responder second) {
        return (wire, asked) -> {
            first.answer(wire, asked);
            second.answer(wire, asked);
            return After.KEEP_ALIVE;
        };
    }

    /** {@code first}, then {@code delay} later {@code second} on the same (kept-alive) connection. */
    static Responder late(Responder first, Duration delay, Responder second) {
        return (wire, asked) -> {
            first.answer(wire, asked);
            wire.pause(delay);
            second.answer(wire, asked);
            return After.KEEP_ALIVE;
        };
    }

    /** Raw leftover bytes after {@code first}. */
    static Responder withLeftover(Responder first, String leftover) {
        return (wire, asked) -> {
            first.answer(wire, asked);
            wire.write(leftover);
            return After.KEEP_ALIVE;
        };
    }

    // ---- resources ---------------------------------------------------------------------------------------

    /** The permission grant's (or features') opening up to {@code "future":{"a":[1,{"x":}, with a Content-Length
     * for 1000 more bytes, then held open or closed. */
    static Responder cutInUnread(boolean hold) {
        return (wire, asked) -> {
            byte[] grant = GRANT_BODY.bytes(asked);
            byte[] prefix = concat(Arrays.copyOf(grant, grant.length - 1), utf8(",\"future\":{\"a\":[1,{\"x\":"));
            wire.write(head(OK, new String[] {JSON, "Content-Length: " + (prefix.length + 1000)}, prefix.length));
            wire.write(prefix);
            if (hold) {
                wire.hold();
            }
            return After.CLOSE;
        };
    }

    /** Chunked: the grant's opening, then {@code "deep":} and 100,000 {@code [}, never closed; held open. */
    static Responder unterminatedDeepArray() {
        return (wire, asked) -> {
            byte[] grant = GRANT_BODY.bytes(asked);
            byte[] prefix = concat(Arrays.copyOf(grant, grant.length - 1), utf8(",\"deep\":"));
            wire.write(head(OK, new String[] {JSON, "Transfer-Encoding: chunked"}, 0));
            wire.write(Kinds.chunk(prefix));
            byte[] brackets = latin1("[".repeat(10_000));
            for (int i = 0; i < 10; i++) {
                wire.write(Kinds.chunk(brackets));
            }
            wire.hold();
            return After.CLOSE;
        };
    }

    /** The head at once, then the body one byte every {@code every}, up to the stall cap; then close. */
    static Responder dripBody(Duration every) {
        return (wire, asked) -> {
            byte[] body = GRANT_BODY.bytes(asked);
            wire.write(head(OK, new String[] {JSON, LENGTH}, body.length));
            wire.drip(body, every);
            return After.CLOSE;
        };
    }

    /** The whole response one byte every {@code every}, up to the stall cap; then close. */
    static Responder dripWhole(Duration every) {
        return (wire, asked) -> {
            byte[] body = GRANT_BODY.bytes(asked);
            wire.drip(concat(head(OK, new String[] {JSON, LENGTH}, body.length), body), every);
            return After.CLOSE;
        };
    }

    /** The status line, then one more header line every {@code every} and never the blank line; then close. */
    static Responder headersNeverEnd(Duration every) {
        return (wire, asked) -> {
            long start = System.nanoTime();
            wire.write(OK + CRLF + JSON + CRLF);
            for (int n = 1; wire.withinStallCap(start); n++) {
                wire.write("X-Wait-" + n + ": " + n + CRLF);
                wire.pause(every);
            }
            return After.CLOSE;
        };
    }

    /** The status line, then header lines as fast as the client takes them, never the blank line; then close. */
    static Responder headerFlood() {
        return (wire, asked) -> {
            long start = System.nanoTime();
            wire.write(OK + CRLF + JSON + CRLF);
            String line = "X-Flood: " + "f".repeat(1000) + CRLF;
            long written = 0;
            while (wire.withinStallCap(start) && written < MAX_STREAMED_BYTES) {
                wire.write(line);
                written += line.length();
            }
            return After.CLOSE;
        };
    }

    /** Reads the request, never answers; held until the client leaves or the stall cap. */
    static Responder neverAnswered() {
        return (wire, asked) -> {
            wire.hold();
            return After.CLOSE;
        };
    }

    /** Chunked: the grant's opening up to an unread string, then that string's letters, chunk after chunk. */
    static Responder endlessChunked() {
        return (wire, asked) -> {
            long start = System.nanoTime();
            byte[] grant = GRANT_BODY.bytes(asked);
            byte[] prefix = concat(Arrays.copyOf(grant, grant.length - 1), utf8(",\"padding\":\""));
            wire.write(head(OK, new String[] {JSON, "Transfer-Encoding: chunked"}, 0));
            wire.write(Kinds.chunk(prefix));
            byte[] chunk = Kinds.chunk(latin1("a".repeat(8192)));
            for (long written = 0;
                    wire.withinStallCap(start) && written < MAX_STREAMED_BYTES;
                    written += chunk.length) {
                wire.write(chunk);
            }
            return After.CLOSE;
        };
    }

    /** Chunked: the whole grant, then whitespace (legal after the object), chunk after chunk, never the end. */
    static Responder endlessWhitespace() {
        return (wire, asked) -> {
            long start = System.nanoTime();
            wire.write(head(OK, new String[] {JSON, "Transfer-Encoding: chunked"}, 0));
            wire.write(Kinds.chunk(GRANT_BODY.bytes(asked)));
            byte[] chunk = Kinds.chunk(latin1(" \n\t\r".repeat(2048)));
            for (long written = 0;
                    wire.withinStallCap(start) && written < MAX_STREAMED_BYTES;
                    written += chunk.length) {
                wire.write(chunk);
            }
            return After.CLOSE;
        };
    }

    /** {@code 100 Continue} after {@code 100 Continue}, {@code every} apart, never a final response. */
    static Responder endlessInterim(Duration every) {
        return (wire, asked) -> {
            long start = System.nanoTime();
            while (wire.withinStallCap(start)) {
                wire.write("HTTP/1.1 100 Continue" + CRLF + CRLF);
                wire.pause(every);
            }
            return After.CLOSE;
        };
    }

    /** Reads the request and closes the connection without a byte. */
    static Responder closeWithoutAnswer() {
        return (wire, asked) -> After.CLOSE;
    }

    /** Reads the request and resets the connection. */
    static Responder resetWithoutAnswer() {
        return (wire, asked) -> {
            wire.reset();
            return After.CLOSE;
        };
    }
}
