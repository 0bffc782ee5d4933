package dev.rcguard.spi;

import dev.rcguard.Decision;
import dev.rcguard.Reason;
import dev.rcguard.internal.client.HttpRingCentralClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One call to RingCentral, answered as {@link Decision}s and what the answer said of the user and their budget.
 * Implementations never fail their futures: every error becomes a non-granting decision (fail closed).
 *
 * <p>{@link HttpRingCentralClient} is the real one; a benchmark or a test may supply another transport.
 */
public interface RingCentralClient {

    /**
     * {@code GET .../authz-profile/check?permissionId=X[&targetExtensionId=Y]}.
     *
     * @param caller whose token is sent
     * @param permissionId the permission id
     * @param targetExtensionId the extension the permission is exercised on, or {@code null} for the caller's own
     * @return the answer to come; never failed
     */
    CompletableFuture<Answer> checkPermission(Caller caller, String permissionId, String targetExtensionId);

    /**
     * As {@link #checkPermission(Caller, String, String)}, for a caller whose token an earlier answer showed to belong
     * to {@code user}. The guard's own client then refuses an answer that names another user, permission or target, and
     * may therefore send the call on a connection other users' calls used before. This default ignores {@code user}.
     *
     * @param caller whose token is sent
     * @param permissionId the permission id
     * @param targetExtensionId the extension the permission is exercised on, or {@code null} for the caller's own
     * @param user {@code accountId/extensionId} (digits) as an earlier answer named the token's user, or {@code null}
     * @return the answer to come; never failed
     */
    default CompletableFuture<Answer> checkPermission(
            Caller caller, String permissionId, String targetExtensionId, String user) {
        return checkPermission(caller, permissionId, targetExtensionId);
    }

    /**
     * {@code GET .../features?featureId=A&featureId=B}: one call for all ids; one decision per id asked.
     *
     * @param caller whose token is sent
     * @param featureIds the feature ids
     * @return the answer to come; never failed
     */
    CompletableFuture<Answer> checkFeatures(Caller caller, List<String> featureIds);

    /**
     * What one call told.
     *
     * @param decisions one decision per id asked
     * @param rateLimit the answer's {@code X-Rate-Limit-*} headers, or {@code null} when they were absent or unreadable
     * @param user the RingCentral user the answer names ({@code accountId/extensionId}, digits, from its {@code uri}),
     *     or {@code null}: a features answer, an error, or no answer at all names nobody
     */
    record Answer(Map<String, Decision> decisions, RateLimit rateLimit, String user) {

        /**
         * An answer; the decisions are copied.
         *
         * @param decisions one decision per id asked
         * @param rateLimit the rate-limit headers, or {@code null}
         * @param user {@code accountId/extensionId}, digits, or {@code null}
         */
        public Answer {
            decisions = Map.copyOf(decisions);
            if (user != null && !isUser(user)) {
                throw new IllegalArgumentException("a user is accountId/extensionId, digits");
            }
        }

        /** {@code [0-9]{1,20}/[0-9]{1,20}}, without a regular expression: it is asked of every live answer. */
        private static boolean isUser(String user) {
            int slash = user.indexOf('/');
            return slash >= 0 && isId(user.substring(0, slash)) && isId(user.substring(slash + 1));
        }

        /** A RingCentral id the answer names: digits, never {@code ~}. */
        private static boolean isId(String part) {
            return !Caller.OWN.equals(part) && Caller.isExtensionId(part);
        }

        /**
         * The same decision for every id, and nothing learned of the user or the budget (no answer came).
         *
         * @param ids the ids asked
         * @param decision the decision for each
         * @return the answer
         */
        public static Answer only(List<String> ids, Decision decision) {
            Map<String, Decision> decisions = new HashMap<>(ids.size() * 2);
            ids.forEach(id -> decisions.put(id, decision));
            return new Answer(decisions, null, null);
        }

        /**
         * The decision about one id.
         *
         * @param id an id asked
         * @return its decision; a refusal if the answer has none
         */
        public Decision decision(String id) {
            Decision decision = decisions.get(id);
            return decision != null
                    ? decision
                    : Decision.unavailable(new Reason("GuardError", "No decision for " + id));
        }
    }

    /**
     * RingCentral's {@code X-Rate-Limit-*} headers: the user's budget in one group, whoever spent it.
     *
     * @param group {@code X-Rate-Limit-Group}, such as {@code Light} or {@code Medium}
     * @param limit {@code X-Rate-Limit-Limit}: calls per window
     * @param remaining {@code X-Rate-Limit-Remaining}: what is left of the window, at most {@code limit}
     * @param window {@code X-Rate-Limit-Window}
     */
    record RateLimit(String group, int limit, int remaining, Duration window) {

        /**
         * Validated headers.
         *
         * @param group a short word
         * @param limit positive
         * @param remaining between 0 and {@code limit}
         * @param window positive
         */
        public RateLimit {
            Objects.requireNonNull(window, "window");
            if (!isGroup(group)) {
                throw new IllegalArgumentException("a rate-limit group is a short word");
            }
            if (limit < 1 || remaining < 0 || remaining > limit || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("limit positive, 0 <= remaining <= limit, window positive");
            }
        }

        /** {@code [A-Za-z][A-Za-z0-9_-]{0,31}}, without a regular expression: it is asked of every live answer. */
        private static boolean isGroup(String group) {
            if (group == null || group.isEmpty() || group.length() > 32 || !isLetter(group.charAt(0))) {
                return false;
            }
            for (int i = 1; i < group.length(); i++) {
                char c = group.charAt(i);
                if (!isLetter(c) && !(c >= '0' && c <= '9') && c != '_' && c != '-') {
                    return false;
                }
            }
            return true;
        }

        private static boolean isLetter(char c) {
            return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';
        }
    }
}
