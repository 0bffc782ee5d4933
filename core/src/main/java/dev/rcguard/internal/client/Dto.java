package dev.rcguard.internal.client;

import jakarta.json.JsonValue;
import java.util.List;

/** RingCentral's answers as JSON-B records (internal): only the fields the guard reads; unknown fields are ignored. */
public final class Dto {

    private Dto() {}

    /**
     * {@code authz-profile/check}: {@code successful} missing means not granted. Booleans are read as raw JSON values
     * so that a string such as {@code "true"} is recognised as the wrong shape rather than coerced.
     */
    public record PermissionCheck(JsonValue successful, CheckDetails details) {}

    public record CheckDetails(Entity permission, Entity effectiveRole, List<String> scopes, String scope) {}

    public record Entity(String id, String uri) {}

    /** {@code features}: one record per id RingCentral knows; {@code reason} only when not available. */
    public record FeatureList(List<Feature> records) {}

    public record Feature(String id, JsonValue available, FeatureReason reason) {}

    public record FeatureReason(String code, String message, String permission) {}

    /** RingCentral's error body; {@code errors[0]} carries the precise code (for example {@code OAU-128}). */
    public record Error(String errorCode, String message, List<ErrorItem> errors, String permissionName) {}

    public record ErrorItem(String errorCode, String message, String permissionName) {}
}
