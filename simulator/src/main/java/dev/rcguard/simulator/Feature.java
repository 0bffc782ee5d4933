package dev.rcguard.simulator;

import java.util.List;
import java.util.Objects;

/**
 * A feature record of a {@link SimulatedUser}, as the {@code features} endpoint returns it.
 *
 * <pre>{@code
 * Feature.available("SMSSending");
 * Feature.unavailable("EditMeetings", new Feature.Reason(
 *         "InsufficientPermissions", "No MeetingsSettings permission granted", "MeetingsSettings"));
 * new Feature("HUD", true, List.of(new Feature.Param("limitMax", "100")), null);
 * }</pre>
 *
 * @param id the feature id, e.g. {@code SMSSending}
 * @param available whether the user may use it
 * @param params extra name/value parameters such as limits; may be empty
 * @param reason why it is unavailable; {@code null} exactly when {@code available} is true
 */
public record Feature(String id, boolean available, List<Param> params, Reason reason) {

    /**
     * Why a feature is unavailable.
     *
     * @param code e.g. {@code ServicePlanLimitation}, {@code InsufficientPermissions}
     * @param message the human text
     * @param permission the missing permission for {@code InsufficientPermissions}, else {@code null}
     */
    public record Reason(String code, String message, String permission) {
        /**
         * A validated reason.
         *
         * @param code the reason code
         * @param message the human text
         * @param permission the missing permission, or {@code null}
         */
        public Reason {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * One feature parameter.
     *
     * @param name e.g. {@code limitMax}
     * @param value e.g. {@code 100}
     */
    public record Param(String name, String value) {
        /**
         * A validated parameter.
         *
         * @param name the parameter's name
         * @param value its value
         */
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The reason used by {@link #of(String, boolean)} for an unavailable feature. */
    public static final Reason TURNED_OFF =
            new Reason("ConfigurationLimitation", "The feature is turned off for the extension", null);

    /**
     * A validated feature; the parameters are copied.
     *
     * @param id the feature id
     * @param available whether RingCentral answers it available
     * @param params its parameters
     * @param reason why it is unavailable; {@code null} when available
     */
    public Feature {
        Objects.requireNonNull(id, "id");
        params = List.copyOf(params);
        if (available == (reason != null)) {
            throw new IllegalArgumentException("Feature " + id + ": a reason is given exactly when it is unavailable");
        }
    }

    /**
     * An available feature without parameters.
     *
     * @param id the feature id
     * @return the feature
     */
    public static Feature available(String id) {
        return new Feature(id, true, List.of(), null);
    }

    /**
     * An unavailable feature with the given reason.
     *
     * @param id the feature id
     * @param reason why it is unavailable
     * @return the feature
     */
    public static Feature unavailable(String id, Reason reason) {
        return new Feature(id, false, List.of(), reason);
    }

    /**
     * An available feature, or one unavailable for {@link #TURNED_OFF}.
     *
     * @param id the feature id
     * @param available whether it is available
     * @return the feature
     */
    public static Feature of(String id, boolean available) {
        return available ? available(id) : unavailable(id, TURNED_OFF);
    }
}
