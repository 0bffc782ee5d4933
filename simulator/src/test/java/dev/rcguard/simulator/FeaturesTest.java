package dev.rcguard.simulator;

import static dev.rcguard.simulator.PermissionCheckTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeaturesTest {
    private RingCentralSimulator simulator;
    private Http http;

    @BeforeEach
    void start() {
        simulator = RingCentralSimulator.builder()
                .rateLimits(RateLimits.disabled())
                .user(u -> u.token("t1")
                        .feature("SMSSending", true)
                        .feature(new Feature("HUD", true, List.of(new Feature.Param("limitMax", "100")), null))
                        .unavailable(
                                "EditMeetings",
                                "InsufficientPermissions",
                                "No MeetingsSettings permission granted",
                                "MeetingsSettings")
                        .unavailable(
                                "InboundCnam",
                                "ServicePlanLimitation",
                                "The feature is unavailable for the current service plan"))
                .start();
        http = new Http(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void requestedFeatures_areAnswered_andUnknownIdsAreAbsent() {
        HttpResponse<String> response =
                http.get(Http.features("featureId=SMSSending&featureId=NoSuchFeature&featureId=EditMeetings"), "t1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(ids(Http.json(response))).containsExactly("SMSSending", "EditMeetings");
    }

    @Test
    void availableFeature_hasNoReason() {
        JsonNode record =
                Http.json(http.get(Http.features("featureId=SMSSending"), "t1")).at("/records/0");

        assertThat(record.toString()).isEqualTo("{\"id\":\"SMSSending\",\"available\":true}");
    }

    @Test
    void featureWithParams_carriesThemAsNameValuePairs() {
        JsonNode record =
                Http.json(http.get(Http.features("featureId=HUD"), "t1")).at("/records/0");

        assertThat(record.toString())
                .isEqualTo(
                        "{\"id\":\"HUD\",\"available\":true,\"params\":[{\"name\":\"limitMax\",\"value\":\"100\"}]}");
    }

    @Test
    void unavailableFeature_carriesReason_withPermissionWhenOneIsMissing() {
        JsonNode body = Http.json(http.get(Http.features("featureId=EditMeetings&featureId=InboundCnam"), "t1"));

        assertThat(body.at("/records/0").toString())
                .isEqualTo(
                        "{\"id\":\"EditMeetings\",\"available\":false,\"reason\":{\"code\":\"InsufficientPermissions\","
                                + "\"message\":\"No MeetingsSettings permission granted\",\"permission\":\"MeetingsSettings\"}}");
        assertThat(body.at("/records/1").toString())
                .isEqualTo("{\"id\":\"InboundCnam\",\"available\":false,\"reason\":{\"code\":\"ServicePlanLimitation\","
                        + "\"message\":\"The feature is unavailable for the current service plan\"}}");
    }

    @Test
    void noFeatureId_answersEveryFeatureOfTheUser() {
        JsonNode body = Http.json(http.get(Http.features(""), "t1"));

        assertThat(ids(body)).containsExactly("SMSSending", "HUD", "EditMeetings", "InboundCnam");
    }

    @Test
    void availableOnly_leavesOutUnavailableFeatures() {
        JsonNode body = Http.json(http.get(Http.features("availableOnly=true"), "t1"));

        assertThat(ids(body)).containsExactly("SMSSending", "HUD");
    }

    @Test
    void invalidFeatureId_is400Cmn101() {
        for (String query : List.of("featureId=", "featureId=SMS-Sending", "featureId=SMSSending&featureId=a%20b")) {
            HttpResponse<String> response = http.get(Http.features(query), "t1");

            assertError(response, 400, "CMN-101", "Parameter [featureId] value is invalid.");
            assertThat(Http.json(response).at("/errors/0/parameterName").asText())
                    .isEqualTo("featureId");
        }
    }

    @Test
    void invalidAvailableOnly_is400Cmn101() {
        assertError(
                http.get(Http.features("availableOnly=maybe"), "t1"),
                400,
                "CMN-101",
                "Parameter [availableOnly] value is invalid.");
    }

    static List<String> ids(JsonNode body) {
        List<String> ids = new ArrayList<>();
        body.get("records").forEach(r -> ids.add(r.get("id").asText()));
        return ids;
    }
}
