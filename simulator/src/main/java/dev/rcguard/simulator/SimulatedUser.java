package dev.rcguard.simulator;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One RingCentral user of the simulator: its account and extension ids, its login name, its access tokens (fixed
 * ones given with {@link #token(String)}, and those the OAuth token endpoint issued), its granted permissions and
 * its features. Thread-safe; every change is seen by the very next request.
 *
 * <p>A permission that is not granted is answered {@code "successful": false}; a feature that is not
 * listed is absent from {@code records}, as RingCentral does for ids it does not know.
 *
 * <pre>{@code
 * RingCentralSimulator.builder()
 *         .user(u -> u.token("t1").login("alice").fromBundledFixtures().grant("ReadMessages")
 *                 .unavailable("SMSSending", "ServicePlanLimitation",
 *                         "The feature is unavailable for the current service plan"))
 *         .build();
 * simulator.user("t1").revoke("ReadMessages").feature("SMSSending", true);
 * simulator.user("t1").expireToken("t1");
 * }</pre>
 */
public final class SimulatedUser {
    /** What a request with one of this user's access tokens meets. */
    enum TokenStatus {
        VALID,
        /** Expired by {@link #expireToken(String)} or by its lifetime: 401 {@code OAU-128}. */
        EXPIRED,
        /** Replaced by a refresh of its session: 401 {@code OAU-213}, as RingCentral answers for it. */
        REPLACED
    }

    /** An access token: fixed ones never expire by time ({@code expiresAt == null}). */
    private static final class AccessToken {
        private final Instant expiresAt;
        private boolean expired;
        private boolean replaced;

        private AccessToken(Instant expiresAt) {
            this.expiresAt = expiresAt;
        }
    }

    private String accountId;
    private String extensionId;
    private String login;
    private final Map<String, AccessToken> tokens = new LinkedHashMap<>();
    private final Map<String, Permission> permissions = new LinkedHashMap<>();
    // a list, not a map: RingCentral's own data repeats a record now and then, and fixtures keep that
    private final List<Feature> features = new ArrayList<>();

    SimulatedUser(String accountId, String extensionId) {
        this.accountId = accountId;
        this.extensionId = extensionId;
    }

    /**
     * Sets the numeric account id that {@code ~} stands for.
     *
     * @param accountId digits
     * @return this user
     */
    public synchronized SimulatedUser accountId(String accountId) {
        this.accountId = requireNumeric(accountId, "accountId");
        return this;
    }

    /**
     * Sets the numeric extension id that {@code ~} stands for.
     *
     * @param extensionId digits
     * @return this user
     */
    public synchronized SimulatedUser extensionId(String extensionId) {
        this.extensionId = requireNumeric(extensionId, "extensionId");
        return this;
    }

    /**
     * Sets the login name this user signs in with at {@code GET /restapi/oauth/authorize?login_hint=...} and that
     * {@link RingCentralSimulator#authorizationCode(String, String)} names it by; logins are unique among users.
     *
     * @param login the login name
     * @return this user
     */
    public synchronized SimulatedUser login(String login) {
        if (login == null || login.isBlank() || login.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("A login must be non-blank without whitespace");
        }
        this.login = login;
        return this;
    }

    /** {@return the login name, if one was set} */
    public synchronized Optional<String> login() {
        return Optional.ofNullable(login);
    }

    /**
     * Adds a valid access token of this user that never expires by time.
     *
     * @param token the access token
     * @return this user
     */
    public synchronized SimulatedUser token(String token) {
        if (token == null || token.isBlank() || token.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("A token must be non-blank without whitespace");
        }
        tokens.put(token, new AccessToken(null));
        return this;
    }

    /**
     * Marks a token of this user expired: it is answered 401 {@code OAU-128} from now on.
     *
     * @param token a token of this user
     * @return this user
     */
    public synchronized SimulatedUser expireToken(String token) {
        AccessToken access = tokens.get(token);
        if (access == null) {
            throw new IllegalArgumentException("Not a token of this user");
        }
        access.expired = true;
        return this;
    }

    /**
     * Grants {@link Permission#of(String)} (default role, scope {@code Self}).
     *
     * @param permissionId the permission id
     * @return this user
     */
    public SimulatedUser grant(String permissionId) {
        return grant(Permission.of(permissionId));
    }

    /**
     * Grants a permission, replacing any grant of the same id.
     *
     * @param permission the permission
     * @return this user
     */
    public synchronized SimulatedUser grant(Permission permission) {
        permissions.put(permission.id(), permission);
        return this;
    }

    /**
     * Withdraws a permission; unknown ids are ignored.
     *
     * @param permissionId the permission id
     * @return this user
     */
    public synchronized SimulatedUser revoke(String permissionId) {
        permissions.remove(permissionId);
        return this;
    }

    /**
     * Withdraws every permission.
     *
     * @return this user
     */
    public synchronized SimulatedUser revokeAll() {
        permissions.clear();
        return this;
    }

    /**
     * Sets a feature available, or unavailable for {@link Feature#TURNED_OFF}.
     *
     * @param featureId the feature id
     * @param available whether it is available
     * @return this user
     */
    public SimulatedUser feature(String featureId, boolean available) {
        return feature(Feature.of(featureId, available));
    }

    /**
     * Sets a feature, replacing any of the same id.
     *
     * @param feature the feature record
     * @return this user
     */
    public synchronized SimulatedUser feature(Feature feature) {
        int at = indexOf(feature.id());
        features.removeIf(f -> f.id().equals(feature.id()));
        features.add(at < 0 ? features.size() : at, feature);
        return this;
    }

    /**
     * Sets a feature unavailable for the given reason.
     *
     * @param featureId the feature id
     * @param code the reason code, such as {@code ServicePlanLimitation}
     * @param message the reason's text
     * @return this user
     */
    public SimulatedUser unavailable(String featureId, String code, String message) {
        return unavailable(featureId, code, message, null);
    }

    /**
     * Sets a feature unavailable for the given reason, naming the missing permission.
     *
     * @param featureId the feature id
     * @param code the reason code, such as {@code InsufficientPermissions}
     * @param message the reason's text
     * @param permission the missing permission
     * @return this user
     */
    public SimulatedUser unavailable(String featureId, String code, String message, String permission) {
        return feature(Feature.unavailable(featureId, new Feature.Reason(code, message, permission)));
    }

    /**
     * Removes a feature record: it is then absent from answers.
     *
     * @param featureId the feature id
     * @return this user
     */
    public synchronized SimulatedUser removeFeature(String featureId) {
        features.removeIf(f -> f.id().equals(featureId));
        return this;
    }

    /**
     * Adds the features and permissions of two RingCentral-shaped fixture files.
     *
     * @param featuresFile a {@code features} answer, as RingCentral gives it
     * @param authzProfileFile an {@code authz-profile} answer, as RingCentral gives it
     * @return this user
     */
    public SimulatedUser fromFixtures(Path featuresFile, Path authzProfileFile) {
        return addFeatures(Fixtures.features(Fixtures.read(featuresFile)))
                .addPermissions(Fixtures.permissions(Fixtures.read(authzProfileFile)));
    }

    /**
     * Adds the 253 feature records (252 ids: one record is repeated, as in RingCentral's answer) and 82 permissions of RingCentral's own mock data shipped in this jar
     * (ringcentral-js-widgets, MIT licence).
     *
     * @return this user
     */
    public SimulatedUser fromBundledFixtures() {
        return addFeatures(Fixtures.features(Fixtures.readBundled(Fixtures.BUNDLED_FEATURES)))
                .addPermissions(Fixtures.permissions(Fixtures.readBundled(Fixtures.BUNDLED_AUTHZ_PROFILE)));
    }

    /** {@return the numeric account id that {@code ~} stands for} */
    public synchronized String accountId() {
        return accountId;
    }

    /** {@return the numeric extension id that {@code ~} stands for} */
    public synchronized String extensionId() {
        return extensionId;
    }

    /** {@return this user's access tokens, expired and issued ones included} */
    public synchronized List<String> tokens() {
        return List.copyOf(tokens.keySet());
    }

    /** {@return the granted permissions, in the order they were granted} */
    public synchronized List<Permission> permissions() {
        return List.copyOf(permissions.values());
    }

    /** {@return the feature records, in the order they were set (a fixture's repeated records included)} */
    public synchronized List<Feature> features() {
        return List.copyOf(features);
    }

    synchronized Optional<Permission> permission(String permissionId) {
        return Optional.ofNullable(permissions.get(permissionId));
    }

    synchronized Optional<Feature> featureRecord(String featureId) {
        int at = indexOf(featureId);
        return at < 0 ? Optional.empty() : Optional.of(features.get(at));
    }

    /** The RingCentral user whose rate-limit budget this user's tokens spend: its ids, read together. */
    synchronized RateLimiter.UserKey rateLimitKey() {
        return new RateLimiter.UserKey(accountId, extensionId);
    }

    synchronized boolean hasToken(String token) {
        return tokens.containsKey(token);
    }

    /** An access token the OAuth token endpoint issued, expiring at {@code expiresAt}. */
    synchronized void issueToken(String token, Instant expiresAt) {
        tokens.put(token, new AccessToken(expiresAt));
    }

    /** A refresh replaced this access token: RingCentral invalidates the previous one at once. */
    synchronized void replaceToken(String token) {
        AccessToken access = tokens.get(token);
        if (access != null) {
            access.replaced = true;
        }
    }

    synchronized TokenStatus status(String token, Instant now) {
        AccessToken access = tokens.get(token);
        if (access.replaced) {
            return TokenStatus.REPLACED;
        }
        boolean expired = access.expired || (access.expiresAt != null && !now.isBefore(access.expiresAt));
        return expired ? TokenStatus.EXPIRED : TokenStatus.VALID;
    }

    private synchronized SimulatedUser addFeatures(List<Feature> loaded) {
        loaded.stream().map(Feature::id).distinct().forEach(this::removeFeature);
        features.addAll(loaded);
        return this;
    }

    private int indexOf(String featureId) {
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).id().equals(featureId)) {
                return i;
            }
        }
        return -1;
    }

    private synchronized SimulatedUser addPermissions(List<Permission> loaded) {
        loaded.forEach(p -> permissions.put(p.id(), p));
        return this;
    }

    private static String requireNumeric(String id, String name) {
        if (Objects.requireNonNull(id, name).isEmpty() || !id.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(name + " must be numeric: " + id);
        }
        return id;
    }
}
