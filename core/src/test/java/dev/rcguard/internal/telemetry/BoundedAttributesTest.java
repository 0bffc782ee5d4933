package dev.rcguard.internal.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Metric attributes stay bounded whatever the requests and RingCentral's answers carry. */
class BoundedAttributesTest {

    @Test
    void aFiltersEndpoint_losesItsRequestUri_andEveryOtherEndpointIsKeptAsNamed() {
        assertThat(OpenTelemetryRecorder.metricEndpoint("filter 'reports' GET /reports/2024/q1"))
                .isEqualTo("filter 'reports' GET");
        assertThat(OpenTelemetryRecorder.metricEndpoint("filter 'a b' POST /x")).isEqualTo("filter 'a b' POST");
        assertThat(OpenTelemetryRecorder.metricEndpoint("GET /users/{id}/messages"))
                .isEqualTo("GET /users/{id}/messages");
        assertThat(OpenTelemetryRecorder.metricEndpoint("dev.example.Reports#export"))
                .isEqualTo("dev.example.Reports#export");
        assertThat(OpenTelemetryRecorder.metricEndpoint(null)).isEqualTo("_OTHER");
    }

    @Test
    void afterTheFirstDistinctValues_anyNewOneIsOther_andTheKnownOnesStay() {
        OpenTelemetryRecorder.Bounded reasons = new OpenTelemetryRecorder.Bounded(3);
        assertThat(reasons.bound("CMN-301")).isEqualTo("CMN-301");
        assertThat(reasons.bound("BudgetSpent")).isEqualTo("BudgetSpent");
        assertThat(reasons.bound("HTTP 503")).isEqualTo("HTTP 503");
        assertThat(reasons.bound("made-up-1")).isEqualTo("_OTHER");
        assertThat(reasons.bound("CMN-301")).isEqualTo("CMN-301");
        assertThat(reasons.bound(null)).isEqualTo("_OTHER");
        assertThat(new OpenTelemetryRecorder.Bounded(3).bound("x".repeat(101))).isEqualTo("_OTHER");
    }
}
