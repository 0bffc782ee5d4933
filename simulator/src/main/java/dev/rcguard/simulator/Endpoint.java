package dev.rcguard.simulator;

/**
 * The simulated RingCentral endpoints, each under {@code /restapi/v1.0/account/{accountId}/extension/{extensionId}},
 * with its rate-limit group: the three permission endpoints, {@link #MESSAGE_STORE} standing for the
 * application's own calls, and {@link #OAUTH_TOKEN}, the OAuth token endpoint.
 *
 * <pre>{@code
 * simulator.inject(Endpoint.PERMISSION_CHECK, Fault.latencyMillis(500));
 * long calls = simulator.counters().calls(Endpoint.FEATURES);
 * }</pre>
 */
public enum Endpoint {
    /** {@code GET .../authz-profile/check?permissionId=X[&targetExtensionId=Y]}, group Light. */
    PERMISSION_CHECK("/authz-profile/check", RateLimits.Group.LIGHT),
    /** {@code GET .../features[?featureId=A&featureId=B][&availableOnly=true]}, group Medium. */
    FEATURES("/features", RateLimits.Group.MEDIUM),
    /** {@code GET .../authz-profile}, group Medium. */
    AUTHZ_PROFILE("/authz-profile", RateLimits.Group.MEDIUM),
    /**
     * {@code GET .../message-store}, group Light: not a permission endpoint but a stand-in for the application's
     * own Light calls, which spend the user's Light budget like the permission checks do. Answers an empty page
     * of messages.
     */
    MESSAGE_STORE("/message-store", RateLimits.Group.LIGHT),
    /**
     * {@code POST /restapi/oauth/token}, group Auth: not under {@code .../extension/{extensionId}}, so its
     * {@link #suffix()} is its whole path. Faults injected here apply to every token request (it carries no bearer
     * token), and {@link CallCounters#tokenCalls(OAuthGrant)} counts it per grant.
     */
    OAUTH_TOKEN("/restapi/oauth/token", RateLimits.Group.AUTH);

    private final String suffix;
    private final RateLimits.Group group;

    Endpoint(String suffix, RateLimits.Group group) {
        this.suffix = suffix;
        this.group = group;
    }

    /** {@return the path after {@code .../extension/{extensionId}}, e.g. {@code /features}; for {@link #OAUTH_TOKEN} its path} */
    public String suffix() {
        return suffix;
    }

    /** {@return the rate-limit group RingCentral puts this endpoint in} */
    public RateLimits.Group group() {
        return group;
    }
}
