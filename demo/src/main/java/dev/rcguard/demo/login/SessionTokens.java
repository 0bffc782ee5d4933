package dev.rcguard.demo.login;

import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * What the signed-in session holds: RingCentral's token answer under {@value #ATTRIBUTE} (the guard's token source,
 * {@code rcguard.token-source=session-attribute:rc.tokens}, reads and refreshes it there), and what
 * {@link TokenArrivals} notes about it. Nothing here ever leaves the server but a token's {@link #fingerprint}.
 *
 * <pre>{@code
 * Map<?, ?> tokens = SessionTokens.of(request.getSession(false)); // null when not signed in
 * }</pre>
 */
public final class SessionTokens {

    /** RingCentral's token answer, a {@code Map}: {@code access_token}, {@code refresh_token}, {@code expires_in}... */
    public static final String ATTRIBUTE = "rc.tokens";

    /** When the current answer arrived, epoch milliseconds ({@code Long}). */
    static final String RECEIVED = "rc.tokens.received";

    /** How many times a refresh replaced the answer in this session ({@code Long}). */
    static final String REFRESHES = "rc.tokens.refreshes";

    /** The fingerprint of the access token the demo's "expire now" helper expired, if any. */
    static final String EXPIRED_BY_DEMO = "rc.tokens.expired-by-demo";

    private SessionTokens() {}

    /** The session's token answer, or {@code null}. */
    static Map<?, ?> of(HttpSession session) {
        if (session == null) {
            return null;
        }
        try {
            return session.getAttribute(ATTRIBUTE) instanceof Map<?, ?> tokens ? tokens : null;
        } catch (IllegalStateException invalidated) {
            return null;
        }
    }

    static String accessToken(Map<?, ?> tokens) {
        return tokens.get("access_token") instanceof String token ? token : null;
    }

    static long number(Map<?, ?> tokens, String field) {
        return tokens.get(field) instanceof Number number ? number.longValue() : 0;
    }

    static long number(HttpSession session, String attribute) {
        return session.getAttribute(attribute) instanceof Number number ? number.longValue() : 0;
    }

    /** The first 12 hex digits of the token's SHA-256: enough to see the token change, of no use as a token. */
    static String fingerprint(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
