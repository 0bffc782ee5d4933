package dev.rcguard.simulator;

import java.util.List;
import java.util.Objects;

/**
 * A permission granted to a {@link SimulatedUser}: what {@code authz-profile} lists and what a granted
 * {@code authz-profile/check} answers with in its {@code details}.
 *
 * <p>Scopes are RingCentral's: {@code Self}, {@code Account}, {@code AllExtensions}, {@code Federation},
 * {@code NonUserExtensions}, {@code RoleBased}, {@code UserExtensions}. The simulator treats {@code Self} as
 * covering only the user's own extension and every other scope as covering any extension of the account.
 *
 * <pre>{@code
 * Permission p = Permission.of("ReadMessages");                       // role "1", scope Self
 * Permission admin = new Permission("ReadMessages", "1", List.of("Account"), true, false, "Independent");
 * }</pre>
 *
 * @param id the permission id, e.g. {@code ReadMessages}
 * @param effectiveRoleId the id of the user role that grants it
 * @param scopes where the permission applies
 * @param assignable whether an administrator can assign it
 * @param readOnly whether it is read-only in the UI
 * @param siteCompatible {@code Compatible}, {@code Incompatible} or {@code Independent}
 */
public record Permission(
        String id,
        String effectiveRoleId,
        List<String> scopes,
        boolean assignable,
        boolean readOnly,
        String siteCompatible) {

    /** The role id used when none is given. */
    public static final String DEFAULT_ROLE_ID = "1";

    /**
     * A validated permission; the scopes are copied.
     *
     * @param id the permission id
     * @param effectiveRoleId the role that grants it
     * @param scopes where it may be exercised, such as {@code Self}
     * @param assignable RingCentral's {@code assignable}
     * @param readOnly RingCentral's {@code readOnly}
     * @param siteCompatible RingCentral's {@code siteCompatible}
     */
    public Permission {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(effectiveRoleId, "effectiveRoleId");
        Objects.requireNonNull(siteCompatible, "siteCompatible");
        scopes = List.copyOf(scopes);
    }

    /**
     * A permission with the default role, scope {@code Self}, assignable and site-independent.
     *
     * @param id the permission id
     * @return the permission
     */
    public static Permission of(String id) {
        return of(id, DEFAULT_ROLE_ID, "Self");
    }

    /**
     * A permission with the given role and scopes, assignable and site-independent.
     *
     * @param id the permission id
     * @param effectiveRoleId the role that grants it
     * @param scopes where it may be exercised
     * @return the permission
     */
    public static Permission of(String id, String effectiveRoleId, String... scopes) {
        return new Permission(id, effectiveRoleId, List.of(scopes), true, false, "Independent");
    }

    /** Whether this permission may be exercised on {@code targetExtensionId} by the user owning {@code ownExtensionId}. */
    boolean covers(String targetExtensionId, String ownExtensionId) {
        return targetExtensionId.equals(ownExtensionId) || scopes.stream().anyMatch(scope -> !scope.equals("Self"));
    }
}
