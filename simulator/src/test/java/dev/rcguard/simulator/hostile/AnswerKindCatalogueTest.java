package dev.rcguard.simulator.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rcguard.simulator.Endpoint;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AnswerKindCatalogueTest {
    private static final List<AnswerKind> ALL = List.of(AnswerKind.values());

    @Test
    void atLeast120Kinds_withDistinctNumbersInTheirGroupsRange() {
        assertThat(ALL).hasSizeGreaterThanOrEqualTo(120);
        assertThat(ALL.stream().map(AnswerKind::number).collect(Collectors.toSet()))
                .hasSameSizeAs(ALL);
        for (AnswerKind kind : ALL) {
            assertThat(kind.number())
                    .as("%s in %s", kind, kind.group())
                    .isBetween(kind.group().first(), kind.group().last());
        }
    }

    @Test
    void everyKindHasADescriptionAndEveryLabel() {
        Set<String> descriptions = new HashSet<>();
        for (AnswerKind kind : ALL) {
            assertThat(kind.description()).as("%s", kind).isNotBlank();
            assertThat(descriptions.add(kind.description()))
                    .as("%s has its own description", kind)
                    .isTrue();
            assertThat(kind.permissionLabel()).as("%s", kind).isNotNull();
            assertThat(kind.featuresLabel()).as("%s", kind).isNotNull();
            assertThat(kind.featureLabel(0)).isEqualTo(kind.featuresLabel());
            assertThat(kind.featureLabel(1)).as("%s", kind).isNotNull();
            assertThat(kind.featureLabel(7)).isEqualTo(kind.featureLabel(1));
            assertThat(kind.label(Endpoint.PERMISSION_CHECK)).isEqualTo(kind.permissionLabel());
            assertThat(kind.label(Endpoint.FEATURES)).isEqualTo(kind.featuresLabel());
            assertThat(kind.responder()).as("%s", kind).isNotNull();
        }
        assertThatThrownBy(() -> AnswerKind.CANONICAL_GRANT.label(Endpoint.AUTHZ_PROFILE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyGroupAndEveryLabelIsUsed() {
        Set<KindGroup> groups = EnumSet.noneOf(KindGroup.class);
        Set<Label> labels = EnumSet.noneOf(Label.class);
        for (AnswerKind kind : ALL) {
            groups.add(kind.group());
            labels.add(kind.permissionLabel());
            labels.add(kind.featuresLabel());
        }
        assertThat(groups).containsExactlyInAnyOrder(KindGroup.values());
        assertThat(labels).containsExactlyInAnyOrder(Label.values());
        for (KindGroup group : KindGroup.values()) {
            assertThat(ALL.stream().filter(k -> k.group() == group).count())
                    .as("%s", group)
                    .isGreaterThanOrEqualTo(group == KindGroup.OUTLIVING ? 5 : 10);
        }
    }

    @Test
    void genuineGrantsAreGrantsForBothEndpoints_andNoOtherGroupGrantsOnTheFirstAnswer() {
        for (AnswerKind kind : ALL) {
            if (kind.group() == KindGroup.GENUINE_GRANT) {
                assertThat(kind.permissionLabel()).as("%s", kind).isEqualTo(Label.GRANT);
                assertThat(kind.featuresLabel()).as("%s", kind).isEqualTo(Label.GRANT);
            }
            if (kind.permissionLabel().isGrant() && kind.group() != KindGroup.GENUINE_GRANT) {
                // a features-only attack answers a permission check with the canonical grant, and the outliving
                // grants are genuine grants followed by stray bytes
                assertThat(kind.group()).as("%s", kind).isIn(KindGroup.AMBIGUOUS_JSON, KindGroup.OUTLIVING);
            }
        }
        assertThat(ALL.stream().filter(k -> k.permissionLabel().isGrant()).count())
                .isGreaterThanOrEqualTo(35);
        assertThat(ALL.stream().filter(k -> k.featuresLabel().isGrant()).count())
                .isGreaterThanOrEqualTo(35);
    }

    @Test
    void traitsAreConsistentWithLabels() {
        for (AnswerKind kind : ALL) {
            if (kind.has(Trait.STALLS)) {
                assertThat(kind.permissionLabel()).as("%s", kind).isEqualTo(Label.UNAVAILABLE);
                assertThat(kind.featuresLabel()).as("%s", kind).isEqualTo(Label.UNAVAILABLE);
                assertThat(kind.has(Trait.CLOSES)).as("%s", kind).isFalse();
            }
            if (kind.has(Trait.READER_LIMITS)) {
                assertThat(kind.permissionLabel()).as("%s", kind).isEqualTo(Label.GRANT);
            }
        }
        assertThat(ALL.stream().filter(k -> k.has(Trait.STALLS)).count()).isGreaterThanOrEqualTo(10);
        assertThat(ALL.stream().filter(k -> k.has(Trait.LEFTOVER_BYTES)).count())
                .isGreaterThanOrEqualTo(8);
    }

    @Test
    void tokensNameTheirKind() {
        for (AnswerKind kind : ALL) {
            assertThat(kind.token()).isEqualTo("kind-" + kind.number());
            assertThat(AnswerKind.fromToken(kind.token())).contains(kind);
            assertThat(AnswerKind.fromToken(kind.token("alice"))).contains(kind);
            assertThat(AnswerKind.byNumber(kind.number())).isEqualTo(kind);
        }
        assertThat(AnswerKind.fromToken("kind-0100")).contains(AnswerKind.CANONICAL_GRANT);
        assertThat(AnswerKind.fromToken("kind-999")).isEmpty();
        assertThat(AnswerKind.fromToken("kind-")).isEmpty();
        assertThat(AnswerKind.fromToken("t1")).isEmpty();
        assertThat(AnswerKind.fromToken(null)).isEmpty();
        assertThatThrownBy(() -> AnswerKind.byNumber(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBriefsClassesAreAllThere() {
        Set<String> names = Arrays.stream(AnswerKind.values()).map(Enum::name).collect(Collectors.toSet());
        assertThat(names)
                .contains(
                        // legal variations
                        "GRANT_REORDERED",
                        "GRANT_UNKNOWN_FIELDS",
                        "GRANT_WHITESPACE",
                        "GRANT_CHARSET_UTF8",
                        "GRANT_CHUNKED",
                        "GRANT_AFTER_100_CONTINUE",
                        "GRANT_AFTER_103_EARLY_HINTS",
                        "GRANT_ODD_HEADER_CASE",
                        "GRANT_SCOPE_SINGULAR",
                        "GRANT_NO_REASON",
                        // genuine denials and errors
                        "DENIED_PLAIN",
                        "DENIED_SUCCESSFUL_MISSING",
                        "TOKEN_EXPIRED",
                        "FORBIDDEN_USER_PERMISSION",
                        "RATE_LIMITED",
                        "SERVER_ERROR",
                        "SERVICE_UNAVAILABLE",
                        // ambiguous JSON
                        "DUPLICATE_SUCCESSFUL_FALSE_TRUE",
                        "DUPLICATE_ID_OTHER_FIRST",
                        "DUPLICATE_DETAILS",
                        "SECOND_VALUE_DENIAL_AFTER",
                        "TRAILING_GARBAGE",
                        "SUCCESSFUL_STRING",
                        "SUCCESSFUL_ONE",
                        "SUCCESSFUL_NULL",
                        "SUCCESSFUL_ARRAY",
                        "WRONG_ID",
                        "ID_OTHER_CASE",
                        "ID_TRAILING_SPACE",
                        "RECORD_TWICE_TRUE_FALSE",
                        "RECORD_TWICE_FALSE_TRUE",
                        "RECORD_TWICE_TRUE_TRUE",
                        "AVAILABLE_MISSING",
                        "TOP_LEVEL_ARRAY",
                        "BOM_BEFORE_JSON",
                        "INVALID_UTF8_UNREAD",
                        "OVERLONG_UTF8_UNREAD",
                        "LONE_HIGH_SURROGATE_UNREAD",
                        "GRANT_DEEP_NESTING_1000",
                        "GRANT_2MIB_BODY",
                        "GRANT_HUGE_EXPONENT",
                        // envelopes
                        "CONTENT_ENCODING_GZIP",
                        "CONTENT_ENCODING_DEFLATE",
                        "CONTENT_ENCODING_BR",
                        "CONTENT_ENCODING_IDENTITY",
                        "CONTENT_TYPE_JSONX",
                        "CONTENT_TYPE_JSON_SEQ",
                        "CONTENT_TYPE_TEXT_PLAIN",
                        "CONTENT_TYPE_MISSING",
                        "CONTENT_TYPE_PROBLEM_JSON",
                        "CONTENT_LENGTH_NOT_A_NUMBER",
                        "CONTENT_LENGTH_NEGATIVE",
                        "CONTENT_LENGTH_PLUS",
                        "CONTENT_LENGTH_TWICE_CORRECT_FIRST",
                        "CONTENT_LENGTH_TWICE_SAME",
                        "CONTENT_LENGTH_LONGER_IDLE",
                        "CONTENT_LENGTH_SHORTER",
                        "CONTENT_LENGTH_AND_CHUNKED",
                        "TRANSFER_ENCODING_GZIP_CHUNKED",
                        "TRANSFER_ENCODING_UNKNOWN",
                        "CHUNK_SIZE_NOT_HEX",
                        "HEADER_WITHOUT_COLON",
                        "HEADER_OBS_FOLD",
                        "HTTP_1_0",
                        "STATUS_2000",
                        "HTTP_2_STATUS",
                        "REDIRECT_302_TO_GRANT",
                        // outliving
                        "DENIAL_THEN_GRANT_RESPONSE",
                        "TOKEN_EXPIRED_WITH_LEFTOVER",
                        "LATE_GRANT_AFTER_DENIAL",
                        // resources
                        "BODY_CUT_IN_UNREAD_IDLE",
                        "UNTERMINATED_DEEP_ARRAY",
                        "DRIP_BODY",
                        "HEADERS_NEVER_END",
                        "NEVER_ANSWERED",
                        "ENDLESS_CHUNKED");
    }
}
