package dev.rcguard.simulator.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind that completes, asked on a raw socket: the bytes it writes, read by {@link StrictJudge} (an
 * independent reading of the grant definition), must give the kind's hand-written labels, for a permission check
 * and for a features call with two ids; and bytes beyond the framed response appear exactly for the kinds that say
 * {@link Trait#LEFTOVER_BYTES}. Stalling kinds are covered by {@link HostileRingCentralTest}.
 */
class LabelsAgreeWithTheBytesTest {
    private static final List<String> FEATURES = List.of("SMSSending", "HUD");
    private static HostileRingCentral rc;

    @BeforeAll
    static void start() {
        rc = HostileRingCentral.builder().start();
    }

    @AfterAll
    static void stop() {
        rc.close();
    }

    static Stream<AnswerKind> completing() {
        return Stream.of(AnswerKind.values()).filter(kind -> !kind.has(Trait.STALLS));
    }

    @ParameterizedTest
    @MethodSource("completing")
    void permissionCheck_bytesMatchTheLabel(AnswerKind kind) {
        byte[] wire = exchange(RawClient.check("ReadMessages"), kind);

        StrictJudge.Verdict verdict = StrictJudge.permission(wire, "ReadMessages");

        assertThat(verdict.grant(0))
                .as("%s: label %s, strict reading: %s", kind, kind.permissionLabel(), verdict.reason())
                .isEqualTo(kind.permissionLabel().isGrant());
        assertLeftover(kind, verdict);
    }

    @ParameterizedTest
    @MethodSource("completing")
    void features_bytesMatchTheLabelOfEachAskedId(AnswerKind kind) {
        byte[] wire = exchange(RawClient.features(FEATURES), kind);

        StrictJudge.Verdict verdict = StrictJudge.features(wire, FEATURES);

        for (int i = 0; i < FEATURES.size(); i++) {
            assertThat(verdict.grant(i))
                    .as("%s, feature %d: label %s, strict reading: %s", kind, i, kind.featureLabel(i), verdict.reason())
                    .isEqualTo(kind.featureLabel(i).isGrant());
        }
        assertLeftover(kind, verdict);
    }

    @Test
    void aGenuineGrantIsJudgedAGrantForAnyAskedId() {
        List<String> ids = List.of("ReadCallLog", "EditExtensions", "Meetings");
        List<AnswerKind> grants = new ArrayList<>();
        completing().filter(k -> k.permissionLabel().isGrant()).forEach(grants::add);
        for (AnswerKind kind : grants) {
            for (String id : ids) {
                StrictJudge.Verdict verdict = StrictJudge.permission(exchange(RawClient.check(id), kind), id);
                assertThat(verdict.grant(0))
                        .as("%s for %s: %s", kind, id, verdict.reason())
                        .isTrue();
            }
        }
        assertThat(grants).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void withOneAskedFeature_theFirstLabelApplies() {
        for (AnswerKind kind : EnumSet.of(
                AnswerKind.FEATURES_FIRST_ONLY, AnswerKind.FEATURES_LATER_ONLY, AnswerKind.CANONICAL_GRANT)) {
            StrictJudge.Verdict verdict = StrictJudge.features(
                    exchange(RawClient.features(List.of("Conferencing")), kind), List.of("Conferencing"));
            assertThat(verdict.grant(0))
                    .as("%s: %s", kind, verdict.reason())
                    .isEqualTo(kind.featuresLabel().isGrant());
        }
    }

    private static void assertLeftover(AnswerKind kind, StrictJudge.Verdict verdict) {
        if (verdict.leftover() >= 0) {
            assertThat(verdict.leftover() > 0)
                    .as(
                            "%s: %d bytes after the framed response; trait LEFTOVER_BYTES: %s",
                            kind, verdict.leftover(), kind.has(Trait.LEFTOVER_BYTES))
                    .isEqualTo(kind.has(Trait.LEFTOVER_BYTES));
        } else {
            assertThat(kind.has(Trait.LEFTOVER_BYTES))
                    .as("%s leaves bytes over, so its response must be framable", kind)
                    .isFalse();
        }
    }

    /** One request with "Connection: close" on a fresh connection; everything the stand-in wrote. */
    static byte[] exchange(String target, AnswerKind kind) {
        return exchange(rc, target, kind);
    }

    static byte[] exchange(HostileRingCentral rc, String target, AnswerKind kind) {
        try (RawClient client = new RawClient(rc)) {
            return client.send(RawClient.get(target, kind.token(), true)).readToEof();
        }
    }
}
