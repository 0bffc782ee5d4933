package dev.rcguard.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rcguard.Decision;
import dev.rcguard.internal.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Generated answers, each built from parts whose meaning is known when it is written: an answer is a genuine grant
 * exactly when every part is the genuine one. {@link Answers} must grant those and nothing else.
 */
class AnswersPropertyTest {

    static final String ID = "ReadMessages";
    static final String TOKEN = "alice-token";

    /** One part of an answer: its text, and whether it keeps the answer a genuine grant. */
    record Part(String text, boolean genuine) {
        static Part good(String text) {
            return new Part(text, true);
        }

        static Part bad(String text) {
            return new Part(text, false);
        }

        @Override
        public String toString() {
            return (genuine ? "+" : "-") + text.replace("\u0000", "\\u0000").replace("\n", "\\n");
        }
    }

    Random shuffle;

    @BeforeTry
    void seed() {
        shuffle = new Random(7);
    }

    @Property(tries = 3000)
    void aPermissionIsGrantedOnlyOnAGenuineGrant(
            @ForAll("statuses") Part status,
            @ForAll("contentTypes") Part contentType,
            @ForAll("contentEncodings") Part contentEncoding,
            @ForAll("successfulValues") Part successful,
            @ForAll("permissionIds") Part permissionId,
            @ForAll("duplicates") Part duplicate,
            @ForAll("trailers") Part trailer,
            @ForAll("unknownMembers") Part unknown) {
        List<String> members = new ArrayList<>();
        members.add(
                "\"uri\":\"https://platform.ringcentral.com/restapi/v1.0/account/1/extension/2/authz-profile/check\"");
        if (!successful.text().isEmpty()) {
            members.add("\"successful\":" + successful.text());
        }
        members.add("\"details\":{\"permission\":{" + permissionId.text() + "\"assignable\":true},"
                + "\"effectiveRole\":{\"id\":\"1\"},\"scopes\":[\"Self\"]}");
        if (!duplicate.text().isEmpty()) {
            members.add(duplicate.text());
        }
        if (!unknown.text().isEmpty()) {
            members.add(unknown.text());
        }
        Collections.shuffle(members, shuffle);
        String body = "{" + String.join(",", members) + "}" + trailer.text();
        boolean genuine = status.genuine()
                && contentType.genuine()
                && contentEncoding.genuine()
                && successful.genuine()
                && permissionId.genuine()
                && duplicate.genuine()
                && trailer.genuine();

        Decision decision = Answers.permission(
                        ID, answer(Integer.parseInt(status.text()), contentType, contentEncoding, body), TOKEN)
                .decision(ID);

        assertThat(decision.isGranted())
                .as(
                        "%s",
                        List.of(
                                status,
                                contentType,
                                contentEncoding,
                                successful,
                                permissionId,
                                duplicate,
                                trailer,
                                unknown))
                .isEqualTo(genuine);
    }

    @Property(tries = 3000)
    void aFeatureIsGrantedOnlyOnItsOneGenuineRecord(
            @ForAll("contentTypes") Part contentType,
            @ForAll("contentEncodings") Part contentEncoding,
            @ForAll("records") List<Part> recordsOfTheId,
            @ForAll("otherRecords") List<String> others,
            @ForAll("trailers") Part trailer) {
        List<String> records = new ArrayList<>(others);
        recordsOfTheId.forEach(record -> records.add(record.text()));
        Collections.shuffle(records, shuffle);
        String body = "{\"records\":[" + String.join(",", records) + "]}" + trailer.text();
        boolean genuine = contentType.genuine()
                && contentEncoding.genuine()
                && trailer.genuine()
                && recordsOfTheId.size() == 1
                && recordsOfTheId.get(0).genuine();

        Map<String, Decision> decisions = Answers.features(
                        List.of("SMSSending"), answer(200, contentType, contentEncoding, body), TOKEN)
                .decisions();

        assertThat(decisions.get("SMSSending").isGranted()).as(body).isEqualTo(genuine);
    }

    private static HttpResponse answer(int status, Part contentType, Part contentEncoding, String body) {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        if (!contentType.text().isEmpty()) {
            headers.put("content-type", List.of(contentType.text().split("\n")));
        }
        if (!contentEncoding.text().isEmpty()) {
            headers.put("content-encoding", List.of(contentEncoding.text()));
        }
        return new HttpResponse(status, headers, body.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Genuine parts three times as often as the others, so that genuine grants and near misses are both common. */
    static Arbitrary<Part> weighted(Part... parts) {
        List<Part> good = java.util.Arrays.stream(parts).filter(Part::genuine).toList();
        List<Part> bad =
                java.util.Arrays.stream(parts).filter(p -> !p.genuine()).toList();
        if (good.isEmpty() || bad.isEmpty()) {
            return Arbitraries.of(parts);
        }
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(good)), Tuple.of(1, Arbitraries.of(bad)));
    }

    @Provide
    Arbitrary<Part> statuses() {
        return weighted(
                Part.good("200"),
                Part.bad("201"),
                Part.bad("203"),
                Part.bad("204"),
                Part.bad("206"),
                Part.bad("302"),
                Part.bad("304"),
                Part.bad("400"),
                Part.bad("401"),
                Part.bad("403"),
                Part.bad("404"),
                Part.bad("429"),
                Part.bad("500"),
                Part.bad("503"));
    }

    @Provide
    Arbitrary<Part> contentTypes() {
        return weighted(
                Part.good("application/json"),
                Part.good("application/json; charset=UTF-8"),
                Part.good("application/json;charset=utf-8"),
                Part.good("Application/JSON"),
                Part.bad(""),
                Part.bad("application/jsonx"),
                Part.bad("application/json-seq"),
                Part.bad("application/problem+json"),
                Part.bad("text/json"),
                Part.bad("text/plain"),
                Part.bad("application/json\napplication/json"), // two Content-Type fields
                Part.bad("application/json, text/plain"));
    }

    @Provide
    Arbitrary<Part> contentEncodings() {
        return weighted(Part.good(""), Part.bad("gzip"), Part.bad("deflate"), Part.bad("br"), Part.bad("identity"));
    }

    @Provide
    Arbitrary<Part> successfulValues() {
        return weighted(
                Part.good("true"),
                Part.bad("false"),
                Part.bad(""), // absent
                Part.bad("\"true\""),
                Part.bad("1"),
                Part.bad("null"),
                Part.bad("[true]"),
                Part.bad("{\"value\":true}"),
                Part.bad("\"yes\""),
                Part.bad("false,\"successful\":true"),
                Part.bad("true,\"successful\":false"),
                Part.bad("true,\"successful\":true"));
    }

    @Provide
    Arbitrary<Part> permissionIds() {
        return weighted(
                Part.good("\"id\":\"" + ID + "\","),
                Part.bad(""),
                Part.bad("\"id\":\"readmessages\","),
                Part.bad("\"id\":\"ReadMessages \","),
                Part.bad("\"id\":\"EditMessages\","),
                Part.bad("\"id\":null,"),
                Part.bad("\"id\":[\"" + ID + "\"],"),
                Part.bad("\"id\":\"Other\",\"id\":\"" + ID + "\","),
                Part.bad("\"id\":\"" + ID + "\",\"id\":\"" + ID + "\","));
    }

    @Provide
    Arbitrary<Part> duplicates() {
        // members every generated answer has: a second one is always a duplicate
        return weighted(Part.good(""), Part.bad("\"details\":{}"), Part.bad("\"uri\":\"x\""));
    }

    @Provide
    Arbitrary<Part> trailers() {
        return weighted(
                Part.good(""),
                Part.good(" \r\n\t"),
                Part.bad("{\"successful\":false}"),
                Part.bad("x"),
                Part.bad(","),
                Part.bad("\u0000"),
                Part.bad("}"));
    }

    @Provide
    Arbitrary<Part> unknownMembers() {
        return weighted(
                Part.good(""),
                Part.good("\"future\":{\"a\":[1,{\"x\":null}],\"b\":-1.5e3}"),
                Part.good("\"note\":\"\\u00e9\\ud83d\\ude00 \\\"quoted\\\"\""),
                Part.good("\"scope\":\"Self\""));
    }

    @Provide
    Arbitrary<List<Part>> records() {
        return weighted(
                        Part.good("{\"id\":\"SMSSending\",\"available\":true}"),
                        Part.good(
                                "{\"available\":true,\"id\":\"SMSSending\",\"params\":[{\"name\":\"n\",\"value\":\"1\"}]}"),
                        Part.bad("{\"id\":\"SMSSending\",\"available\":false}"),
                        Part.bad("{\"id\":\"SMSSending\"}"),
                        Part.bad("{\"id\":\"SMSSending\",\"available\":\"true\"}"),
                        Part.bad("{\"id\":\"SMSSending\",\"available\":1}"),
                        Part.bad("{\"id\":\"SMSSending\",\"available\":null}"),
                        Part.bad("{\"id\":\"SMSSending\",\"available\":false,\"available\":true}"),
                        Part.bad("{\"id\":\"SMSSending\",\"available\":true,\"available\":true}"))
                .list()
                .ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<String>> otherRecords() {
        return Arbitraries.of(
                        "{\"id\":\"FaxSending\",\"available\":true}",
                        "{\"id\":\"smssending\",\"available\":true}",
                        "{\"id\":\"SMSSending \",\"available\":true}",
                        "{\"id\":\"HUD\",\"available\":false,\"reason\":{\"code\":\"X\",\"message\":\"m\"}}")
                .list()
                .ofMaxSize(3);
    }
}
