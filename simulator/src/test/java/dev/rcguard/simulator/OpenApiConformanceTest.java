package dev.rcguard.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of answer the spec describes, checked against RingCentral's official OpenAPI excerpt by the
 * swagger-request-validator library: status, content type and body schema (the validator treats unknown
 * properties as errors). The excerpt defines no error-body schema; for errors it lists {@code x-error-codes},
 * which the simulator must reproduce exactly.
 */
class OpenApiConformanceTest {
    private static final String CHECK = "/restapi/v1.0/account/{accountId}/extension/{extensionId}/authz-profile/check";
    private static final String PROFILE = "/restapi/v1.0/account/{accountId}/extension/{extensionId}/authz-profile";

    private static RingCentralSimulator simulator;
    private static Http http;
    private static OpenApiInteractionValidator validator;
    private static JsonNode spec;

    @BeforeAll
    static void start() throws IOException {
        String excerpt = TestFiles.openApiExcerpt();
        spec = new ObjectMapper().readTree(excerpt);
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(excerpt)
                .build();
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token("t1")
                        .fromBundledFixtures()
                        .grant(Permission.of("ReadCallLog", "1", "Account"))
                        .feature(Feature.available("SMSSending")))
                .user(u -> u.token("t2"))
                .start();
        http = new Http(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("granted check", Http.check("CallFlip")),
                Arguments.of(
                        "granted check on another extension",
                        Http.check("ReadCallLog") + "&targetExtensionId=400100200302"),
                Arguments.of("denied check", Http.check("UserManagement")),
                Arguments.of("every feature of the fixtures", Http.features("")),
                Arguments.of("available features only", Http.features("availableOnly=true")),
                Arguments.of("feature with params", Http.features("featureId=Glip")),
                Arguments.of(
                        "features with and without reasons",
                        Http.features(
                                "featureId=SMSSending&featureId=InboundCnam&featureId=EditAutoInboundCallRecording")),
                Arguments.of("no known feature", Http.features("featureId=NoSuchFeature")),
                Arguments.of("whole profile", Http.profile()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void answerConformsToTheOfficialSchema(String name, String pathAndQuery) {
        HttpResponse<String> response = http.get(pathAndQuery, "t1");
        assertThat(response.statusCode()).isEqualTo(200);

        ValidationReport report = validate(pathAndQuery, response);

        assertThat(report.getMessages()).as(name + ": " + response.body()).isEmpty();
    }

    @Test
    void validatorRejectsAWrongTypeAndAnUnknownProperty() {
        String granted = http.get(Http.check("CallFlip"), "t1").body();

        assertThat(validateBody(granted)).isEmpty();
        assertThat(validateBody(granted.replace("\"successful\":true", "\"successful\":\"yes\"")))
                .isNotEmpty();
        assertThat(validateBody(granted.replace("\"successful\":true", "\"successful\":true,\"extra\":1")))
                .isNotEmpty();
    }

    private static java.util.List<ValidationReport.Message> validateBody(String body) {
        return validator
                .validate(
                        request(Http.check("CallFlip")),
                        SimpleResponse.Builder.ok()
                                .withContentType("application/json")
                                .withBody(body)
                                .build())
                .getMessages();
    }

    @Test
    void documentedErrorCodes_areAnsweredExactlyAsTheSpecListsThem() {
        Map<String, String> provoking = Map.of(
                "CMN-101", Http.check("ReadMessages") + "&targetExtensionId=abc",
                "CMN-404", "/restapi/v1.0/account/~/extension/400100200302/authz-profile/check?permissionId=X",
                "CMN-102", "/restapi/v1.0/account/~/extension/999/authz-profile/check?permissionId=X");
        Map<String, String> provokingProfile = Map.of(
                "CMN-404", "/restapi/v1.0/account/~/extension/400100200302/authz-profile",
                "CMN-102", "/restapi/v1.0/account/~/extension/999/authz-profile");

        assertDocumentedErrors(CHECK, provoking);
        assertDocumentedErrors(PROFILE, provokingProfile);
    }

    private static void assertDocumentedErrors(String path, Map<String, String> provoking) {
        JsonNode codes = spec.at("/paths/" + path.replace("~", "~0").replace("/", "~1") + "/get/x-error-codes");
        assertThat(codes).isNotEmpty();
        for (JsonNode documented : codes) {
            String code = documented.get("errorCode").asText();
            assertThat(provoking).as("a request provoking " + code).containsKey(code);
            HttpResponse<String> response = http.get(provoking.get(code), "t1");
            PermissionCheckTest.assertError(
                    response,
                    Integer.parseInt(documented.get("httpCode").asText()),
                    code,
                    documented.get("message").asText());
        }
    }

    private static ValidationReport validate(String pathAndQuery, HttpResponse<String> response) {
        SimpleResponse.Builder actual =
                SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
        response.headers().map().forEach(actual::withHeader);
        return validator.validate(request(pathAndQuery), actual.build());
    }

    private static SimpleRequest request(String pathAndQuery) {
        URI uri = URI.create(pathAndQuery);
        SimpleRequest.Builder request = SimpleRequest.Builder.get(uri.getRawPath())
                .withAuthorization("Bearer t1")
                .withAccept("application/json");
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] nameValue = pair.split("=", 2);
                request.withQueryParam(
                        nameValue[0],
                        URLDecoder.decode(nameValue.length > 1 ? nameValue[1] : "", StandardCharsets.UTF_8));
            }
        }
        return request.build();
    }
}
