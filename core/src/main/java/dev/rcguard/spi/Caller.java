package dev.rcguard.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Who is asking: the user's RingCentral access token and the account and extension the checks run for ({@code ~},
 * the token's own, by default).
 *
 * <p>The token is only ever sent to the configured RingCentral server. {@link #toString()} never shows it, and
 * state kept beyond one call (the rate-limit economy) is keyed by {@link #fingerprint()}, a SHA-256 hash of it.
 *
 * <pre>{@code
 * Caller caller = Caller.ofBearer(request.getHeader("Authorization")); // null when absent or malformed
 * }</pre>
 */
public final class Caller {

    /** {@code ~}: the account or extension the token belongs to. */
    public static final String OWN = "~";

    private final String accessToken;
    private final String accountId;
    private final String extensionId;
    private final String fingerprint;
    /** A new token for this caller's user when RingCentral says this one expired ({@code null}: none); never compared. */
    private final Supplier<String> renewal;

    private Caller(String accessToken, String accountId, String extensionId) {
        this(accessToken, accountId, extensionId, sha256(accessToken), null);
    }

    private Caller(
            String accessToken, String accountId, String extensionId, String fingerprint, Supplier<String> renewal) {
        this.accessToken = accessToken;
        this.accountId = accountId;
        this.extensionId = extensionId;
        this.fingerprint = fingerprint;
        this.renewal = renewal;
    }

    /** This caller, whose token {@code renewal} can replace once it has expired (the application's token source). */
    Caller renewable(Supplier<String> renewal) {
        return new Caller(accessToken, accountId, extensionId, fingerprint, renewal);
    }

    /** The same account and extension with a renewed token, itself not renewable again (a refresh never loops). */
    Caller withToken(String renewedAccessToken) {
        return of(renewedAccessToken, accountId, extensionId);
    }

    Supplier<String> renewal() {
        return renewal;
    }

    /**
     * A caller for the token's own account and extension.
     *
     * @param accessToken the caller's RingCentral access token
     * @return the caller
     * @throws IllegalArgumentException if the token is not a well-formed bearer token (RFC 6750 {@code b64token})
     */
    public static Caller of(String accessToken) {
        return of(accessToken, OWN, OWN);
    }

    /**
     * A caller for an explicit account and extension ({@code ~} or digits).
     *
     * @param accessToken the caller's RingCentral access token
     * @param accountId the account id: {@code ~} (the token's own) or digits
     * @param extensionId the extension id: {@code ~} (the token's own) or digits
     * @return the caller
     * @throws IllegalArgumentException if the token or an id is malformed
     */
    public static Caller of(String accessToken, String accountId, String extensionId) {
        if (!isWellFormedToken(accessToken)) {
            throw new IllegalArgumentException("malformed access token");
        }
        if (!isExtensionId(accountId) || !isExtensionId(extensionId)) {
            throw new IllegalArgumentException("account and extension ids must be digits or ~");
        }
        return new Caller(accessToken, accountId, extensionId);
    }

    /**
     * The caller named by an {@code Authorization} header value, or {@code null} when the header is absent, is not a
     * {@code Bearer} credential, or carries a malformed token.
     *
     * @param authorizationHeader the header's value, or {@code null}
     * @return the caller, or {@code null}
     */
    public static Caller ofBearer(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() < 8) {
            return null;
        }
        if (!authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorizationHeader.substring(7).strip();
        return isWellFormedToken(token) ? new Caller(token, OWN, OWN) : null;
    }

    /**
     * Tells a RingCentral account or extension id.
     *
     * @param value the candidate id, or {@code null}
     * @return whether {@code value} is {@code ~} or an all-digit RingCentral id
     */
    public static boolean isExtensionId(String value) {
        if (OWN.equals(value)) {
            return true;
        }
        if (value == null || value.isEmpty() || value.length() > 20) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells a well-formed bearer token.
     *
     * @param token the candidate token, or {@code null}
     * @return whether {@code token} is a well-formed bearer token (RFC 6750 {@code b64token}, at most 4096 characters)
     */
    public static boolean isWellFormedToken(String token) {
        if (token == null || token.length() > 4096) {
            return false;
        }
        int end = token.length();
        while (end > 0 && token.charAt(end - 1) == '=') {
            end--;
        }
        if (end == 0) {
            return false;
        }
        for (int i = 0;
                i < end;
                i++) { // 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=", by hand: per request
            char c = token.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '+'
                    || c == '/';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** {@return the access token, for the RingCentral client only} */
    public String accessToken() {
        return accessToken;
    }

    /** {@return the account id: {@code ~} (the token's own) or digits} */
    public String accountId() {
        return accountId;
    }

    /** {@return the extension id: {@code ~} (the token's own) or digits} */
    public String extensionId() {
        return extensionId;
    }

    /** {@return a SHA-256 hash of the token: safe to keep as a map key or to correlate log lines} */
    public String fingerprint() {
        return fingerprint;
    }

    private static String sha256(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Caller other
                && fingerprint.equals(other.fingerprint)
                && accountId.equals(other.accountId)
                && extensionId.equals(other.extensionId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fingerprint, accountId, extensionId);
    }

    @Override
    public String toString() {
        return "Caller[account=" + accountId + ", extension=" + extensionId + ", token=sha256:"
                + fingerprint.substring(0, 8) + "…]";
    }
}
