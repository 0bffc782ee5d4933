package dev.rcguard.simulator.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads HTTP/1.1 requests off a connection, one after the other, as a server does: bounded in size. */
final class RequestReader {
    static final int MAX_LINE = 16 * 1024;
    static final int MAX_HEAD = 64 * 1024;
    static final int MAX_HEADERS = 200;
    static final int MAX_BODY = 1024 * 1024;

    private RequestReader() {}

    /** A request the stand-in refuses to read further: answered with {@code status}, then the connection closes. */
    static final class BadRequest extends Exception {
        final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    record Header(String name, String value) {}

    record Request(String method, String target, String version, List<Header> headers) {
        /** Every value of the header {@code name} (case-insensitive), in order. */
        List<String> all(String name) {
            List<String> values = new ArrayList<>();
            for (Header header : headers) {
                if (header.name().equalsIgnoreCase(name)) {
                    values.add(header.value());
                }
            }
            return values;
        }

        /** HTTP/1.1 keeps the connection unless "Connection: close"; HTTP/1.0 only with "Connection: keep-alive". */
        boolean keepAlive() {
            boolean close = false;
            boolean keep = false;
            for (String value : all("Connection")) {
                for (String option : value.split(",")) {
                    String o = option.trim().toLowerCase(Locale.ROOT);
                    close |= o.equals("close");
                    keep |= o.equals("keep-alive");
                }
            }
            return !close && (version.equals("HTTP/1.1") || keep);
        }
    }

    /**
     * The next request, its body (if any) read and dropped; {@code null} when the client closed the connection
     * between requests (or in the middle of one).
     */
    static Request read(InputStream in) throws IOException, BadRequest {
        int[] headBytes = {0};
        String requestLine;
        do {
            requestLine = line(in, headBytes);
            if (requestLine == null) {
                return null;
            }
        } while (requestLine.isEmpty() && headBytes[0] < 8); // RFC 9112 2.2: ignore a stray CRLF or two
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || !parts[2].matches("HTTP/1\\.[01]")) {
            throw new BadRequest(400, "Malformed request line");
        }
        List<Header> headers = new ArrayList<>();
        while (true) {
            String line = line(in, headBytes);
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t' || line.charAt(colon - 1) == ' ') {
                throw new BadRequest(400, "Malformed header line");
            }
            if (headers.size() == MAX_HEADERS) {
                throw new BadRequest(431, "Too many header lines");
            }
            headers.add(new Header(
                    line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        Request request = new Request(parts[0], parts[1], parts[2], headers);
        if (!request.all("Transfer-Encoding").isEmpty()) {
            throw new BadRequest(501, "Request bodies with Transfer-Encoding are not supported");
        }
        List<String> lengths = request.all("Content-Length");
        if (lengths.size() > 1 || (lengths.size() == 1 && !lengths.get(0).matches("[0-9]{1,7}"))) {
            throw new BadRequest(400, "Malformed Content-Length");
        }
        if (lengths.size() == 1) {
            int length = Integer.parseInt(lengths.get(0));
            if (length > MAX_BODY) {
                throw new BadRequest(413, "Request body too large");
            }
            try {
                in.skipNBytes(length);
            } catch (java.io.EOFException e) {
                return null;
            }
        }
        return request;
    }

    /** One line without its CRLF (or bare LF), ISO-8859-1; null at end of stream. */
    private static String line(InputStream in, int[] headBytes) throws IOException, BadRequest {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (++headBytes[0] > MAX_HEAD) {
                throw new BadRequest(431, "Request head too large");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() == MAX_LINE) {
                throw new BadRequest(431, "Request line or header line too long");
            }
            line.write(b);
        }
    }
}
