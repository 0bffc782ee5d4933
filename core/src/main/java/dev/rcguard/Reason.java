package dev.rcguard;

import java.util.Objects;

/**
 * Why a check did not grant: RingCentral's reason or error code and message, passed through as given (unknown codes
 * included), plus the permission RingCentral names when it names one.
 *
 * <pre>{@code
 * new Reason("InsufficientPermissions", "No MeetingsSettings permission granted", "MeetingsSettings")
 * }</pre>
 *
 * @param code RingCentral's reason or error code, such as {@code InsufficientPermissions} or {@code OAU-128}
 * @param message RingCentral's message, as given
 * @param permission the permission RingCentral names as missing, or {@code null} when it names none
 */
public record Reason(String code, String message, String permission) {

    /**
     * A reason; {@code code} and {@code message} are required.
     *
     * @param code RingCentral's reason or error code
     * @param message RingCentral's message
     * @param permission the permission RingCentral names, or {@code null}
     */
    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /**
     * A reason that names no permission.
     *
     * @param code RingCentral's reason or error code
     * @param message RingCentral's message
     */
    public Reason(String code, String message) {
        this(code, message, null);
    }
}
