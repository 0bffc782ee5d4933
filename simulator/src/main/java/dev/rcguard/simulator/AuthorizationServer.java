package dev.rcguard.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * RingCentral's OAuth authorization server, as far as the simulator speaks it: authorization codes (with PKCE),
 * {@code POST /restapi/oauth/token} with the {@code authorization_code} and {@code refresh_token} grants, access
 * tokens that expire by the simulator's clock, and refresh tokens that rotate on use and can be revoked.
 *
 * <p>A token request is answered in two steps so the Auth rate limit falls between them, as for the other
 * endpoints: {@link #token} checks the client and the form and finds the user the grant names; then, if the user's
 * Auth budget allows, {@link Identified#complete()} redeems the grant. What fails before a user is known is
 * {@link Refused} and spends nothing. Error shapes and their sources: simulator/README.md, section OAuth.
 */
final class AuthorizationServer {
    static final String TOKEN_PATH = "/restapi/oauth/token";
    static final String AUTHORIZE_PATH = "/restapi/oauth/authorize";
    /** RingCentral's authorization codes live a minute ({@code expires_in=60} in its documented redirect). */
    static final long CODE_LIFETIME_SECONDS = 60;

    static final Duration CODE_LIFETIME = Duration.ofSeconds(CODE_LIFETIME_SECONDS);

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final int MAX_BODY = 64 * 1024;
    /** Grants RingCentral knows but a 3-legged app is not authorized for: 400 {@code unauthorized_client}. */
    private static final Set<String> OTHER_RINGCENTRAL_GRANTS = Set.of(
            "password",
            "client_credentials",
            "urn:ietf:params:oauth:grant-type:jwt-bearer",
            "urn:ietf:params:oauth:grant-type:device_code",
            "ivr_pin",
            "otp",
            "partner_jwt");

    /** The outcome of the first step of a token request. */
    sealed interface Outcome permits Refused, Identified {}

    /** Refused before any user was known: spends no rate-limit budget. */
    record Refused(Answer answer) implements Outcome {}

    /** The grant names {@code user}; {@code complete} redeems it (to be called only if the rate limit allows). */
    record Identified(SimulatedUser user, Supplier<Answer> completion) implements Outcome {
        Answer complete() {
            return completion.get();
        }
    }

    private record Code(
            SimulatedUser user, String redirectUri, String challenge, String challengeMethod, Instant expiresAt) {}

    private record Session(
            SimulatedUser user, String endpointId, String accessToken, Instant expiresAt, boolean revoked) {}

    private final UserDirectory users;
    private final InstantSource clock;
    private final String clientId;
    private final byte[] clientSecret;
    private final Duration accessTokenLifetime;
    private final Duration refreshTokenLifetime;
    private final String scope;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    /** By refresh token. A used refresh token is removed: RingCentral then answers "Token not found". */
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    AuthorizationServer(
            UserDirectory users,
            InstantSource clock,
            String clientId,
            String clientSecret,
            Duration accessTokenLifetime,
            Duration refreshTokenLifetime,
            String scope) {
        this.users = users;
        this.clock = clock;
        this.clientId = clientId;
        this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
        this.accessTokenLifetime = accessTokenLifetime;
        this.refreshTokenLifetime = refreshTokenLifetime;
        this.scope = scope;
    }

    static int maxBody() {
        return MAX_BODY;
    }

    /** A code for {@code user}, as if it had signed in and consented; {@code challenge} may be {@code null}. */
    String issueCode(SimulatedUser user, String redirectUri, String challenge, String challengeMethod) {
        if (!users.contains(user)) {
            throw new IllegalArgumentException("Not a user of this simulator");
        }
        String code = newSecret();
        codes.put(
                code,
                new Code(
                        user,
                        redirectUri,
                        challenge,
                        challengeMethod,
                        clock.instant().plus(CODE_LIFETIME)));
        return code;
    }

    /** Forgets every authorization code and session issued so far. */
    void clear() {
        codes.clear();
        sessions.clear();
    }

    /** Revokes every refresh token of {@code user}: each is answered 400 {@code OAU-211} from now on. */
    int revokeRefreshTokens(SimulatedUser user) {
        int[] revoked = {0};
        sessions.replaceAll((token, session) -> {
            if (session.user() != user || session.revoked()) {
                return session;
            }
            revoked[0]++;
            return new Session(session.user(), session.endpointId(), session.accessToken(), session.expiresAt(), true);
        });
        return revoked[0];
    }

    /** The {@code grant_type} of a token request body, for the counters; empty when the form does not parse. */
    static Optional<OAuthGrant> grantOf(String body) {
        try {
            return Form.parse(body).get("grant_type").flatMap(OAuthGrant::of);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The first step of {@code POST /restapi/oauth/token}; {@code body} is {@code null} when it was too large. */
    Outcome token(String contentType, String authorization, String body) {
        Optional<Answer> clientRefusal = authenticateClient(authorization);
        if (clientRefusal.isPresent()) {
            return new Refused(clientRefusal.get());
        }
        if (contentType == null || !isForm(contentType)) {
            return refused(400, "invalid_request", null, "Content-Type must be " + FORM);
        }
        if (body == null) {
            return refused(400, "invalid_request", null, "Request body is too large");
        }
        Form form;
        try {
            form = Form.parse(body);
        } catch (IllegalArgumentException e) {
            return refused(400, "invalid_request", null, e.getMessage());
        }
        Optional<String> bodyClientId = form.get("client_id");
        if (bodyClientId.isPresent() && !bodyClientId.get().equals(clientId)) {
            return new Refused(invalidClient(bodyClientId.get()));
        }
        Optional<String> grantType = form.get("grant_type");
        if (grantType.isEmpty()) {
            return missing("grant_type");
        }
        Optional<OAuthGrant> grant = OAuthGrant.of(grantType.get());
        if (grant.isEmpty()) {
            return OTHER_RINGCENTRAL_GRANTS.contains(grantType.get())
                    ? refused(400, "unauthorized_client", "OAU-251", "Unauthorized for this grant type")
                    : refused(400, "unsupported_grant_type", null, "Unsupported grant type");
        }
        return grant.get() == OAuthGrant.AUTHORIZATION_CODE ? codeGrant(form) : refreshGrant(form);
    }

    private Outcome codeGrant(Form form) {
        Optional<String> code = form.get("code");
        if (code.isEmpty()) {
            return missing("code");
        }
        Optional<String> redirectUri = form.get("redirect_uri");
        if (redirectUri.isEmpty()) {
            return missing("redirect_uri");
        }
        Code issued = codes.get(code.get());
        if (issued == null) {
            return new Refused(tokenNotFound());
        }
        Optional<String> verifier = form.get("code_verifier");
        return new Identified(issued.user(), () -> redeem(code.get(), redirectUri.get(), verifier));
    }

    private Answer redeem(String code, String redirectUri, Optional<String> verifier) {
        Code issued = codes.remove(code); // single use, whatever the outcome
        if (issued == null) {
            return tokenNotFound();
        }
        if (!clock.instant().isBefore(issued.expiresAt())) {
            return oauthError(400, "invalid_grant", null, "Authorization code is expired");
        }
        if (!issued.redirectUri().equals(redirectUri)) {
            return oauthError(400, "invalid_grant", "OAU-109", "Redirect URIs do not match");
        }
        if (issued.challenge() != null
                && (verifier.isEmpty()
                        || !issued.challenge().equals(challengeOf(verifier.get(), issued.challengeMethod())))) {
            return oauthError(400, "invalid_grant", null, "Invalid code verifier");
        }
        return issue(issued.user(), newSecret());
    }

    private Outcome refreshGrant(Form form) {
        Optional<String> refreshToken = form.get("refresh_token");
        if (refreshToken.isEmpty()) {
            return missing("refresh_token");
        }
        Session session = sessions.get(refreshToken.get());
        if (session == null) {
            return new Refused(tokenNotFound());
        }
        return new Identified(session.user(), () -> rotate(refreshToken.get()));
    }

    private Answer rotate(String refreshToken) {
        Session session = sessions.get(refreshToken);
        if (session == null) {
            return tokenNotFound();
        }
        if (session.revoked()) {
            return oauthError(400, "invalid_grant", "OAU-211", "Token revoked");
        }
        if (!clock.instant().isBefore(session.expiresAt())) {
            return oauthError(400, "invalid_grant", null, "Refresh token is expired");
        }
        if (!sessions.remove(refreshToken, session)) {
            return tokenNotFound(); // a concurrent refresh won
        }
        session.user().replaceToken(session.accessToken());
        return issue(session.user(), session.endpointId());
    }

    private Answer issue(SimulatedUser user, String endpointId) {
        Instant now = clock.instant();
        String accessToken = newSecret();
        String refreshToken = newSecret();
        user.issueToken(accessToken, now.plus(accessTokenLifetime));
        sessions.put(refreshToken, new Session(user, endpointId, accessToken, now.plus(refreshTokenLifetime), false));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken);
        body.put("token_type", "bearer");
        body.put("expires_in", accessTokenLifetime.toSeconds());
        body.put("refresh_token", refreshToken);
        body.put("refresh_token_expires_in", refreshTokenLifetime.toSeconds());
        body.put("scope", scope);
        body.put("owner_id", user.extensionId());
        body.put("endpoint_id", endpointId);
        return noStore(Answer.json(200, body));
    }

    /**
     * {@code GET /restapi/oauth/authorize}: the user named by {@code login_hint} signs in and consents at once, and
     * the answer is the redirect to {@code redirect_uri} with {@code code}, {@code state} and {@code expires_in}.
     */
    Answer authorize(URI uri) {
        Form query;
        try {
            query = Form.parse(uri.getRawQuery());
        } catch (IllegalArgumentException e) {
            return oauthError(400, "invalid_request", null, e.getMessage());
        }
        Optional<String> client = query.get("client_id");
        if (client.isEmpty() || !client.get().equals(clientId)) {
            return client.isEmpty()
                    ? oauthError(400, "invalid_request", null, "Parameter [client_id] is not specified")
                    : invalidClient(client.get());
        }
        Optional<String> redirectUri = query.get("redirect_uri").filter(AuthorizationServer::isHttpUri);
        if (redirectUri.isEmpty()) {
            return oauthError(
                    400, "invalid_request", null, "Parameter [redirect_uri] is missing or not an http(s) URI");
        }
        Optional<SimulatedUser> user = query.get("login_hint").flatMap(users::byLogin);
        if (user.isEmpty()) {
            return oauthError(
                    400, "invalid_request", null, "Parameter [login_hint] must be the login of a simulated user");
        }
        Optional<String> state = query.get("state");
        if (!query.get("response_type").filter("code"::equals).isPresent()) {
            return redirect(redirectUri.get(), state, "error", "unsupported_response_type");
        }
        Optional<String> challenge = query.get("code_challenge");
        String method = query.get("code_challenge_method").orElse("plain");
        if (challenge.isPresent() && !method.equals("S256") && !method.equals("plain")) {
            return redirect(redirectUri.get(), state, "error", "invalid_request");
        }
        String code = issueCode(user.get(), redirectUri.get(), challenge.orElse(null), method);
        return redirect(
                redirectUri.get(), state, "code", code, "expires_in", String.valueOf(CODE_LIFETIME.toSeconds()));
    }

    /** The PKCE challenge of {@code verifier} (RFC 7636 section 4.2). */
    static String challengeOf(String verifier, String method) {
        if (method.equals("plain")) {
            return verifier;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    /** Client authentication: {@code Authorization: Basic base64(clientId:clientSecret)}. */
    private Optional<Answer> authenticateClient(String authorization) {
        if (authorization == null) {
            return Optional.of(oauthError(400, "invalid_client", "OAU-123", "Client authentication is required"));
        }
        String[] parts = authorization.trim().split(" ");
        String decoded = null;
        if (parts.length == 2 && parts[0].equalsIgnoreCase("Basic")) {
            try {
                decoded = new String(Base64.getDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                decoded = null;
            }
        }
        int colon = decoded == null ? -1 : decoded.indexOf(':');
        if (colon < 0) {
            return Optional.of(oauthError(400, "invalid_client", null, "Authentication header value is malformed"));
        }
        String id = decoded.substring(0, colon);
        byte[] secret = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        if (!id.equals(clientId) || !MessageDigest.isEqual(secret, clientSecret)) {
            return Optional.of(invalidClient(id));
        }
        return Optional.empty();
    }

    private static Answer invalidClient(String id) {
        String message = "Invalid client: " + id;
        Map<String, Object> parameter = new LinkedHashMap<>();
        parameter.put("parameterName", "client_id");
        parameter.put("parameterValue", id);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("errorCode", "OAU-153");
        detail.put("message", message);
        detail.put("parameters", List.of(parameter));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid_client");
        body.put("errors", List.of(detail));
        body.put("error_description", message);
        return noStore(Answer.json(400, body))
                .withHeader(
                        "WWW-Authenticate",
                        "Bearer realm=\"RingCentral REST API\", error=\"invalid_client\", error_description=\""
                                + message.replace("\"", "'") + "\"");
    }

    private static Answer tokenNotFound() {
        return oauthError(400, "invalid_grant", "OAU-213", "Token not found");
    }

    private static Refused missing(String parameter) {
        return refused(400, "invalid_request", null, "Parameter [" + parameter + "] is not specified");
    }

    private static Refused refused(int status, String error, String code, String description) {
        return new Refused(oauthError(status, error, code, description));
    }

    /** RingCentral's OAuth error: {@code error}, {@code errors} (when it has a code) and {@code error_description}. */
    static Answer oauthError(int status, String error, String code, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (code != null) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("errorCode", code);
            detail.put("message", description);
            body.put("errors", List.of(detail));
        }
        body.put("error_description", description);
        return noStore(Answer.json(status, body));
    }

    /** RFC 6749 section 5.1; RingCentral sends both on its token answers. */
    private static Answer noStore(Answer answer) {
        return answer.withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    }

    private static Answer redirect(String redirectUri, Optional<String> state, String... parameters) {
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        for (int i = 0; i < parameters.length; i += 2) {
            location.append(parameters[i])
                    .append('=')
                    .append(encode(parameters[i + 1]))
                    .append('&');
        }
        state.ifPresent(s -> location.append("state=").append(encode(s)).append('&'));
        location.setLength(location.length() - 1);
        return new Answer(302, "text/plain", Map.of("Location", location.toString()), new byte[0]);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean isForm(String contentType) {
        String[] parts = contentType.split(";");
        if (!parts[0].trim().equalsIgnoreCase(FORM)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("charset=") && !parameter.equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHttpUri(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute()
                    && uri.getFragment() == null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
