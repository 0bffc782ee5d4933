package dev.rcguard.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.1 response strictly (RFC 9112), refusing whatever a careful client would not act on: a status line
 * that is not {@code HTTP/1.1 NNN [reason]}, a header line that is not {@code name: value}, a line that does not end
 * in CRLF, framing that is not exactly one valid {@code Content-Length} or {@code Transfer-Encoding: chunked} (never
 * both, never another coding), a header folded onto the next line (obs-fold), a body larger than {@link #MAX_BODY}.
 * Interim 1xx responses before the final one are read and dropped.
 */
final class ResponseReader {

    /** The largest answer of RingCentral's (every feature of a user) is about 40 KiB. */
    static final int MAX_BODY = 1 << 20;

    static final int MAX_HEADER_BYTES = 64 * 1024;
    static final int MAX_INTERIM = 8;

    private final Connection connection;
    private int headerBytes;

    ResponseReader(Connection connection) {
        this.connection = connection;
    }

    /**
     * The final response, its body read whole.
     *
     * @throws MalformedResponseException for anything not strictly HTTP/1.1
     * @throws java.io.EOFException if the connection ended before a status line began
     */
    HttpResponse read() throws IOException {
        for (int interim = 0; interim <= MAX_INTERIM; interim++) {
            headerBytes = 0;
            String statusLine = line(true);
            int status = status(statusLine);
            Map<String, List<String>> headers = headers();
            if (status == 101) {
                throw new MalformedResponseException("an unasked protocol switch");
            }
            if (status >= 100 && status < 200) {
                continue; // 100 Continue, 103 Early Hints: the final answer follows
            }
            boolean close = tokens(headers, "connection").contains("close");
            return new HttpResponse(status, headers, body(status, headers), !close);
        }
        throw new MalformedResponseException("too many interim responses");
    }

    private static int status(String line) throws MalformedResponseException {
        // HTTP-version SP 3DIGIT SP [reason]; a missing reason (and its space) is tolerated
        if (!line.startsWith("HTTP/1.1 ") || line.length() < 12) {
            throw new MalformedResponseException("not an HTTP/1.1 status line");
        }
        for (int i = 9; i < 12; i++) {
            if (line.charAt(i) < '0' || line.charAt(i) > '9') {
                throw new MalformedResponseException("a malformed status code");
            }
        }
        if (line.length() > 12 && line.charAt(12) != ' ') {
            throw new MalformedResponseException("a malformed status code");
        }
        int status = Integer.parseInt(line.substring(9, 12));
        if (status < 100) {
            throw new MalformedResponseException("a malformed status code");
        }
        return status;
    }

    private Map<String, List<String>> headers() throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        while (true) {
            String line = line(false);
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new MalformedResponseException("a header line without a name and a colon");
            }
            String name = line.substring(0, colon);
            if (!isToken(name)) {
                throw new MalformedResponseException("a malformed header name");
            }
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>(1))
                    .add(line.substring(colon + 1).strip());
        }
    }

    private byte[] body(int status, Map<String, List<String>> headers) throws IOException {
        List<String> lengths = headers.get("content-length");
        List<String> codings = tokens(headers, "transfer-encoding");
        if (status == 204 || status == 304) {
            if (lengths != null || !codings.isEmpty()) {
                throw new MalformedResponseException("framing on a response without a body");
            }
            return new byte[0];
        }
        if (!codings.isEmpty()) {
            if (lengths != null) {
                throw new MalformedResponseException("both Content-Length and Transfer-Encoding");
            }
            if (!codings.equals(List.of("chunked"))) {
                throw new MalformedResponseException("a transfer coding other than chunked");
            }
            return chunked();
        }
        if (lengths == null) {
            throw new MalformedResponseException("no framing: neither Content-Length nor chunked");
        }
        if (lengths.size() != 1) {
            throw new MalformedResponseException("more than one Content-Length");
        }
        int length = length(lengths.get(0));
        byte[] body = new byte[length];
        connection.readFully(body, 0, length);
        return body;
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(false);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            if (hex.isEmpty() || hex.length() > 7 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new MalformedResponseException("a malformed chunk size");
            }
            int size = Integer.parseInt(hex, 16);
            if (size == 0) {
                headerBytes = 0;
                headers(); // trailers, read and dropped
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY) {
                throw new MalformedResponseException("a body larger than " + MAX_BODY + " bytes");
            }
            byte[] chunk = new byte[size];
            connection.readFully(chunk, 0, size);
            body.write(chunk);
            if (!line(false).isEmpty()) {
                throw new MalformedResponseException("a chunk longer than its size");
            }
        }
    }

    private static int length(String value) throws MalformedResponseException {
        if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MalformedResponseException("a malformed Content-Length");
        }
        int length = Integer.parseInt(value);
        if (length > MAX_BODY) {
            throw new MalformedResponseException("a body larger than " + MAX_BODY + " bytes");
        }
        return length;
    }

    /** One line without its CRLF; a bare CR or LF is refused. At the very start, the end of the stream is EOF. */
    private String line(boolean first) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = connection.read();
            if (b < 0) {
                if (first && line.length() == 0) {
                    throw new java.io.EOFException("the connection closed before an answer");
                }
                throw new MalformedResponseException("the answer ended inside its head");
            }
            if (++headerBytes > MAX_HEADER_BYTES) {
                throw new MalformedResponseException("a head longer than " + MAX_HEADER_BYTES + " bytes");
            }
            if (b == '\r') {
                if (connection.read() != '\n') {
                    throw new MalformedResponseException("a CR without LF");
                }
                return line.toString();
            }
            if (b == '\n' || b == 0) {
                throw new MalformedResponseException("a line that does not end in CRLF");
            }
            line.append((char) b); // ISO-8859-1: header values may carry obs-text
        }
    }

    /** The comma-separated tokens of every field named {@code name}, lower-cased. */
    private static List<String> tokens(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        if (values == null) {
            return List.of();
        }
        List<String> tokens = new ArrayList<>();
        for (String value : values) {
            for (String token : value.split(",", -1)) {
                tokens.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        return tokens;
    }

    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
