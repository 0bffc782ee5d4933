package dev.rcguard;

import java.util.Objects;

/**
 * Why a check did not grant: RingCentral's reason or error code and message, passed through as given (unknown codes
 * included), plus the permission RingCentral names when it names one.
 *
 * <pre>{@code
 * new Reason("InsufficientPermissions", "No MeetingsSettings permission granted", "MeetingsSettings")
 * }</pre>
 */
public record Reason(String code, String message, String permission) {

    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public Reason(String code, String message) {
        this(code, message, null);
    }
}
