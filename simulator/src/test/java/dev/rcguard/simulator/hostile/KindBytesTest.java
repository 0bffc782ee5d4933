package dev.rcguard.simulator.hostile;

import static dev.rcguard.simulator.hostile.RawClient.bodyOf;
import static dev.rcguard.simulator.hostile.RawClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The exact bytes of a sample of kinds from every group, read off a raw socket. */
class KindBytesTest {
    private static HostileRingCentral rc;
    private static String base;

    @BeforeAll
    static void start() {
        rc = HostileRingCentral.builder().start();
        base = rc.baseUri().toString();
    }

    @AfterAll
    static void stop() {
        rc.close();
    }

    private static byte[] permission(AnswerKind kind) {
        return LabelsAgreeWithTheBytesTest.exchange(rc, RawClient.check("ReadMessages"), kind);
    }

    private static byte[] features(AnswerKind kind, String... ids) {
        return LabelsAgreeWithTheBytesTest.exchange(rc, RawClient.features(List.of(ids)), kind);
    }

    private static String head(String status, String... headers) {
        return status + "\r\n" + String.join("\r\n", headers) + "\r\n\r\n";
    }

    private static int length(String body) {
        return body.getBytes(StandardCharsets.UTF_8).length;
    }

    // ---- genuine grants --------------------------------------------------------------------------------------

    @Test
    void canonicalGrant_isRingCentralsGrantForTheAskedPermission() {
        String body = "{\"uri\":\"" + base + RawClient.check("ReadMessages") + "\",\"successful\":true,\"details\":"
                + "{\"permission\":{\"uri\":\"" + base + "/restapi/v1.0/dictionary/permission/ReadMessages\","
                + "\"id\":\"ReadMessages\",\"assignable\":true,\"readOnly\":false,\"siteCompatible\":\"Independent\"},"
                + "\"effectiveRole\":{\"uri\":\"" + base + "/restapi/v1.0/dictionary/user-role/1\",\"id\":\"1\"},"
                + "\"scopes\":[\"AllExtensions\"]}}";

        assertThat(text(permission(AnswerKind.CANONICAL_GRANT)))
                .isEqualTo(head("HTTP/1.1 200 OK", "Content-Type: application/json", "Content-Length: " + length(body))
                        + body);
    }

    @Test
    void canonicalGrant_forFeatures_hasOneAvailableRecordPerAskedId() {
        String body = "{\"records\":[{\"id\":\"SMSSending\",\"available\":true,\"params\":[{\"name\":\"limitMax\","
                + "\"value\":\"100\"}]},{\"id\":\"HUD\",\"available\":true,\"params\":[{\"name\":\"limitMax\","
                + "\"value\":\"100\"}]}]}";

        assertThat(text(features(AnswerKind.CANONICAL_GRANT, "SMSSending", "HUD")))
                .isEqualTo(head("HTTP/1.1 200 OK", "Content-Type: application/json", "Content-Length: " + length(body))
                        + body);
    }

    @Test
    void chunkedGrant_isCorrectlyChunked() {
        String wire = text(permission(AnswerKind.GRANT_CHUNKED));

        assertThat(wire)
                .startsWith(head("HTTP/1.1 200 OK", "Content-Type: application/json", "Transfer-Encoding: chunked")
                        + "10\r\n{\"uri\":\"http://1\r\n");
        assertThat(wire).endsWith("\r\n0\r\n\r\n").doesNotContain("Content-Length");
    }

    @Test
    void interimResponses_comeBeforeTheGrant() {
        assertThat(text(permission(AnswerKind.GRANT_AFTER_100_CONTINUE)))
                .startsWith("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n");
        assertThat(text(permission(AnswerKind.GRANT_AFTER_103_EARLY_HINTS)))
                .startsWith(
                        "HTTP/1.1 103 Early Hints\r\nLink: </restapi/v1.0>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\n");
    }

    @Test
    void legalVariations_areWhatTheySay() {
        assertThat(text(permission(AnswerKind.GRANT_NO_REASON))).startsWith("HTTP/1.1 200\r\n");
        assertThat(text(permission(AnswerKind.GRANT_EMPTY_REASON))).startsWith("HTTP/1.1 200 \r\n");
        assertThat(text(permission(AnswerKind.GRANT_ODD_HEADER_CASE)))
                .contains("\r\nCONTENT-TYPE: application/json\r\n");
        assertThat(text(permission(AnswerKind.GRANT_CHARSET_UTF8)))
                .contains("\r\nContent-Type: application/json; charset=utf-8\r\n");
        assertThat(bodyOf(permission(AnswerKind.GRANT_SCOPE_SINGULAR)))
                .contains("\"scope\":\"Self\"")
                .doesNotContain("scopes");
        assertThat(bodyOf(permission(AnswerKind.GRANT_ESCAPED_ID))).contains("\"id\":\"\\u0052eadMessages\"");
        assertThat(bodyOf(permission(AnswerKind.GRANT_REORDERED)))
                .startsWith("{\"details\":")
                .endsWith("\"}");
    }

    @Test
    void readerLimitKinds_areAsBigAsTheySay() {
        assertThat(bodyOf(permission(AnswerKind.GRANT_DEEP_NESTING_1000)))
                .contains("\"future\":" + "[".repeat(1000) + "]".repeat(1000) + "}");
        assertThat(bodyOf(permission(AnswerKind.GRANT_2MIB_BODY)).length()).isGreaterThan(2 * 1024 * 1024);
        assertThat(bodyOf(permission(AnswerKind.GRANT_HUGE_EXPONENT))).contains("\"big\":1e999999,");
    }

    // ---- genuine refusals ------------------------------------------------------------------------------------

    @Test
    void genuineDenialsAndErrors() {
        assertThat(bodyOf(permission(AnswerKind.DENIED_PLAIN)))
                .isEqualTo("{\"uri\":\"" + base + RawClient.check("ReadMessages") + "\",\"successful\":false}");
        assertThat(bodyOf(features(AnswerKind.DENIED_PLAIN, "SMSSending")))
                .isEqualTo("{\"records\":[{\"id\":\"SMSSending\",\"available\":false,\"reason\":{\"code\":"
                        + "\"ServicePlanLimitation\",\"message\":\"The feature is unavailable for the current service"
                        + " plan\"}}]}");
        assertThat(text(permission(AnswerKind.TOKEN_EXPIRED)))
                .startsWith("HTTP/1.1 401 Unauthorized\r\n")
                .endsWith("{\"errorCode\":\"TokenInvalid\",\"message\":\"Access token expired\",\"errors\":"
                        + "[{\"errorCode\":\"OAU-128\",\"message\":\"Access token expired\"}]}");
        assertThat(text(permission(AnswerKind.FORBIDDEN_USER_PERMISSION)))
                .startsWith("HTTP/1.1 403 Forbidden\r\n")
                .contains("\"errorCode\":\"CMN-408\"", "\"permissionName\":\"ReadMessages\"");
        assertThat(text(permission(AnswerKind.RATE_LIMITED)))
                .startsWith("HTTP/1.1 429 Too Many Requests\r\n")
                .contains("\r\nRetry-After: 7\r\n", "CMN-301");
        assertThat(text(permission(AnswerKind.SERVICE_UNAVAILABLE)))
                .startsWith("HTTP/1.1 503 ")
                .contains("CMN-201");
    }

    // ---- ambiguous JSON and wrong values ---------------------------------------------------------------------

    @Test
    void duplicatesAndSecondValues() {
        assertThat(bodyOf(permission(AnswerKind.DUPLICATE_SUCCESSFUL_FALSE_TRUE)))
                .contains("\"successful\":false,\"successful\":true,");
        assertThat(bodyOf(features(AnswerKind.DUPLICATE_SUCCESSFUL_FALSE_TRUE, "HUD")))
                .isEqualTo("{\"records\":[{\"id\":\"HUD\",\"available\":false,\"available\":true}]}");
        assertThat(bodyOf(permission(AnswerKind.DUPLICATE_ID_OTHER_FIRST)))
                .contains("\"permission\":{\"id\":\"AccountAdministration\",\"id\":\"ReadMessages\"}");
        assertThat(bodyOf(permission(AnswerKind.DUPLICATE_VIA_ESCAPE)))
                .contains("\"successful\":false,\"succ\\u0065ssful\":true");
        assertThat(bodyOf(permission(AnswerKind.SECOND_VALUE_DENIAL_AFTER))).endsWith("}}{\"successful\":false}");
        assertThat(bodyOf(features(AnswerKind.RECORD_TWICE_FALSE_TRUE, "HUD")))
                .startsWith("{\"records\":[{\"id\":\"HUD\",\"available\":false,")
                .contains("},{\"id\":\"HUD\",\"available\":true,");
    }

    @Test
    void wrongValuesAndIds() {
        assertThat(bodyOf(permission(AnswerKind.SUCCESSFUL_STRING))).contains("\"successful\":\"true\"");
        assertThat(bodyOf(permission(AnswerKind.SUCCESSFUL_ARRAY))).contains("\"successful\":[true]");
        assertThat(bodyOf(permission(AnswerKind.ID_OTHER_CASE))).contains("\"id\":\"rEADmESSAGES\"");
        assertThat(bodyOf(permission(AnswerKind.ID_TRAILING_SPACE))).contains("\"id\":\"ReadMessages \"");
        assertThat(bodyOf(permission(AnswerKind.ID_FULL_WIDTH)))
                .contains("\"id\":\"\u00ef\u00bc\u00b2eadMessages\""); // U+FF32 as UTF-8 bytes EF BC B2
        assertThat(bodyOf(permission(AnswerKind.TOP_LEVEL_ARRAY)))
                .startsWith("[{\"uri\":")
                .endsWith("}]");
        assertThat(text(permission(AnswerKind.GRANT_BODY_ON_401)))
                .startsWith("HTTP/1.1 401 Unauthorized\r\n")
                .contains("\"successful\":true");
    }

    // ---- not strict UTF-8 JSON -------------------------------------------------------------------------------

    @Test
    void brokenText_carriesTheBytesItSays() {
        byte[] bom = permission(AnswerKind.BOM_BEFORE_JSON);
        assertThat(bodyOf(bom)).startsWith("\u00ef\u00bb\u00bf{\"uri\"");
        assertThat(bodyOf(permission(AnswerKind.INVALID_UTF8_UNREAD))).contains("\"note\":\"ab\u00ffcd\"");
        assertThat(bodyOf(permission(AnswerKind.OVERLONG_UTF8_IN_ID))).contains("\"id\":\"\u00c1\u0092eadMessages\"");
        assertThat(bodyOf(permission(AnswerKind.LONE_HIGH_SURROGATE_UNREAD))).contains("\"note\":\"\\ud800\"");
        assertThat(bodyOf(permission(AnswerKind.COMMENT_HIDING_DENIAL)))
                .contains(",/*\"successful\":false,*/\"successful\":true,");
    }

    // ---- status lines, headers, framing ----------------------------------------------------------------------

    @Test
    void statusLines() {
        assertThat(text(permission(AnswerKind.HTTP_1_0))).startsWith("HTTP/1.0 200 OK\r\n");
        assertThat(text(permission(AnswerKind.STATUS_2000))).startsWith("HTTP/1.1 2000 OK\r\n");
        assertThat(text(permission(AnswerKind.HTTP_2_STATUS))).startsWith("HTTP/2 200\r\n");
        assertThat(text(permission(AnswerKind.SWITCHING_PROTOCOLS_THEN_GRANT)))
                .startsWith("HTTP/1.1 101 Switching Protocols\r\n");
    }

    @Test
    void aRedirect_pointsAtTheSameRequestAnsweredWithAGrant() {
        String wire = text(permission(AnswerKind.REDIRECT_302_TO_GRANT));
        String location = wire.lines()
                .filter(line -> line.startsWith("Location: "))
                .findFirst()
                .orElseThrow()
                .substring("Location: ".length());
        assertThat(wire).startsWith("HTTP/1.1 302 Found\r\n");
        assertThat(location).isEqualTo(base + RawClient.check("ReadMessages") + "&hostileKind=100");

        String target = location.substring(base.length());
        byte[] followed = LabelsAgreeWithTheBytesTest.exchange(rc, target, AnswerKind.REDIRECT_302_TO_GRANT);

        assertThat(StrictJudge.permission(followed, "ReadMessages").grant(0)).isTrue();
    }

    @Test
    void contentEncodings_overAPlainBody() {
        String gzip = text(permission(AnswerKind.CONTENT_ENCODING_GZIP));
        assertThat(gzip).contains("\r\nContent-Encoding: gzip\r\n");
        assertThat(bodyOf(permission(AnswerKind.CONTENT_ENCODING_GZIP))).startsWith("{\"uri\":");
        assertThat(text(permission(AnswerKind.CONTENT_ENCODING_IDENTITY)))
                .contains("\r\nContent-Encoding: identity\r\n");

        byte[] real = permission(AnswerKind.CONTENT_ENCODING_GZIP_REAL);
        byte[] body = bodyOf(real).getBytes(StandardCharsets.ISO_8859_1);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("\"successful\":true");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void headerSyntax() {
        assertThat(text(permission(AnswerKind.HEADER_OBS_FOLD)))
                .contains("\r\nContent-Type: application/json;\r\n charset=utf-8\r\n");
        assertThat(text(permission(AnswerKind.HEADER_WITHOUT_COLON))).contains("\r\nX-Debug grant\r\n");
        assertThat(text(permission(AnswerKind.CONTENT_TYPE_TWICE)))
                .contains("\r\nContent-Type: application/json\r\nContent-Type: text/html\r\n");
    }

    @Test
    void framing() {
        byte[] twice = permission(AnswerKind.CONTENT_LENGTH_TWICE_SAME);
        int body = length(bodyOf(twice));
        assertThat(text(twice)).contains("\r\nContent-Length: " + body + "\r\nContent-Length: " + body + "\r\n");

        byte[] shorter = permission(AnswerKind.CONTENT_LENGTH_SHORTER);
        assertThat(text(shorter)).contains("\r\nContent-Length: " + (length(bodyOf(shorter)) - 20) + "\r\n");

        assertThat(text(permission(AnswerKind.CONTENT_LENGTH_AND_CHUNKED)))
                .containsPattern("\r\nContent-Length: [0-9]+\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n");
        assertThat(text(permission(AnswerKind.TRANSFER_ENCODING_GZIP_CHUNKED)))
                .contains("\r\nTransfer-Encoding: gzip, chunked\r\n");
        assertThat(text(permission(AnswerKind.CHUNK_SIZE_OVERFLOW)))
                .containsPattern("\r\n\r\n1000000000000[0-9a-f]{4}\r\n");
        assertThat(text(permission(AnswerKind.CONTENT_LENGTH_OVERFLOW)))
                .containsPattern("\r\nContent-Length: 184467440737095[0-9]{5}\r\n");
        assertThat(text(permission(AnswerKind.CLOSE_DELIMITED)))
                .doesNotContain("Content-Length")
                .doesNotContain("Transfer-Encoding");
    }

    // ---- outliving -------------------------------------------------------------------------------------------

    @Test
    void aDenialFollowedByAnExtraGrantResponse() {
        String wire = text(permission(AnswerKind.DENIAL_THEN_GRANT_RESPONSE));
        int second = wire.indexOf("HTTP/1.1 200 OK", 1);

        assertThat(wire).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(bodyOf(wire.substring(0, second).getBytes(StandardCharsets.ISO_8859_1)))
                .endsWith("\"successful\":false}");
        assertThat(wire.substring(second)).contains("\"successful\":true");
    }

    @Test
    void aLateGrant_arrivesOnTheIdleKeptAliveConnection_afterTheDenial() {
        try (RawClient client = new RawClient(rc)) {
            long sent = System.nanoTime();
            client.send(
                    RawClient.get(RawClient.check("ReadMessages"), AnswerKind.LATE_GRANT_AFTER_DENIAL.token(), false));

            byte[] denial = client.readResponse();
            byte[] late = client.readResponse();

            assertThat(bodyOf(denial)).endsWith("\"successful\":false}");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(StrictJudge.permission(late, "ReadMessages").grant(0)).isTrue();
        }
    }

    @Test
    void aTokenExpiredAnswer_leavesTheStartOfAResponseBehind() {
        try (RawClient client = new RawClient(rc)) {
            client.send(RawClient.get(
                    RawClient.check("ReadMessages"), AnswerKind.TOKEN_EXPIRED_WITH_LEFTOVER.token(), false));

            assertThat(text(client.readResponse())).startsWith("HTTP/1.1 401 Unauthorized\r\n");
            String leftover = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Le";
            assertThat(text(client.readExactly(leftover.length()))).isEqualTo(leftover);
        }
    }
}
