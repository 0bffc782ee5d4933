package dev.rcguard.simulator;

import java.util.Optional;

/**
 * The OAuth grants the simulator's token endpoint ({@code POST /restapi/oauth/token}) accepts, by their
 * {@code grant_type} value.
 *
 * <pre>{@code
 * assertThat(simulator.counters().tokenCalls(OAuthGrant.REFRESH_TOKEN)).isEqualTo(1);
 * }</pre>
 */
public enum OAuthGrant {
    /** {@code grant_type=authorization_code}: a code (and PKCE verifier) for a first token pair. */
    AUTHORIZATION_CODE("authorization_code"),
    /** {@code grant_type=refresh_token}: a refresh token for a new pair; the old refresh token stops working. */
    REFRESH_TOKEN("refresh_token");

    private final String value;

    OAuthGrant(String value) {
        this.value = value;
    }

    /** {@return the {@code grant_type} value} */
    public String value() {
        return value;
    }

    /**
     * The grant named by a {@code grant_type} value, if the simulator accepts it.
     *
     * @param value a {@code grant_type} value
     * @return the grant, or empty
     */
    public static Optional<OAuthGrant> of(String value) {
        for (OAuthGrant grant : values()) {
            if (grant.value.equals(value)) {
                return Optional.of(grant);
            }
        }
        return Optional.empty();
    }
}
