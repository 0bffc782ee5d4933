package dev.rcguard.simulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the endpoints answer for an authenticated, not rate-limited call: the path ids are resolved
 * against the token's user, the query is validated, and the body is built in RingCentral's shape.
 */
final class SimulatedApi {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");
    private static final String OWN = "~";

    private final String baseUri;
    private final UserDirectory users;

    SimulatedApi(String baseUri, UserDirectory users) {
        this.baseUri = baseUri;
        this.users = users;
    }

    Answer answer(Call call, SimulatedUser user) {
        String accountId = user.accountId();
        String extensionId = user.extensionId();
        if (!call.accountId().equals(OWN) && !call.accountId().equals(accountId)) {
            return Answer.json(404, ErrorBody.resourceNotFound("accountId"));
        }
        if (!call.extensionId().equals(OWN) && !call.extensionId().equals(extensionId)) {
            return users.hasExtension(accountId, call.extensionId())
                    ? Answer.json(403, ErrorBody.of("CMN-404", "Attempt to access another extension"))
                    : Answer.json(404, ErrorBody.resourceNotFound("extensionId"));
        }
        String path = baseUri + "/restapi/v1.0/account/" + accountId + "/extension/" + extensionId;
        return switch (call.endpoint()) {
            case PERMISSION_CHECK -> check(call, user, path);
            case FEATURES -> features(call, user);
            case AUTHZ_PROFILE -> Answer.json(200, profile(user, path));
            case MESSAGE_STORE -> Answer.json(200, emptyMessagePage(path));
            case OAUTH_TOKEN ->
                throw new IllegalStateException("The token endpoint is answered by AuthorizationServer");
        };
    }

    private Answer check(Call call, SimulatedUser user, String path) {
        List<String> permissionIds = call.all("permissionId");
        if (permissionIds.size() != 1 || !ID.matcher(permissionIds.get(0)).matches()) {
            return Answer.json(400, ErrorBody.invalidParameter("permissionId"));
        }
        String permissionId = permissionIds.get(0);
        Optional<String> target = call.first("targetExtensionId");
        if (target.isPresent()
                && !target.get().equals(OWN)
                && !NUMERIC.matcher(target.get()).matches()) {
            return Answer.json(400, ErrorBody.invalidParameter("targetExtensionId"));
        }
        String targetId = target.filter(t -> !t.equals(OWN)).orElse(user.extensionId());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uri", path + "/authz-profile/check?permissionId=" + permissionId + "&targetExtensionId=" + targetId);
        Optional<Permission> granted =
                user.permission(permissionId).filter(p -> p.covers(targetId, user.extensionId()));
        body.put("successful", granted.isPresent());
        granted.ifPresent(p -> body.put("details", permissionEntry(p)));
        return Answer.json(200, body);
    }

    private Answer features(Call call, SimulatedUser user) {
        List<String> featureIds = call.all("featureId");
        if (featureIds.stream().anyMatch(id -> !ID.matcher(id).matches())) {
            return Answer.json(400, ErrorBody.invalidParameter("featureId"));
        }
        String availableOnly = call.first("availableOnly").orElse("false");
        if (!availableOnly.equalsIgnoreCase("true") && !availableOnly.equalsIgnoreCase("false")) {
            return Answer.json(400, ErrorBody.invalidParameter("availableOnly"));
        }
        List<Feature> features = featureIds.isEmpty()
                ? user.features()
                : featureIds.stream()
                        .distinct()
                        .map(user::featureRecord)
                        .flatMap(Optional::stream)
                        .toList();
        List<Map<String, Object>> records = features.stream()
                .filter(f -> f.available() || !Boolean.parseBoolean(availableOnly))
                .map(SimulatedApi::featureRecord)
                .toList();
        return Answer.json(200, Map.of("records", records));
    }

    /** An empty first page of messages; the query (filters, paging) is not read. */
    private static Map<String, Object> emptyMessagePage(String path) {
        Map<String, Object> paging = new LinkedHashMap<>();
        paging.put("page", 1);
        paging.put("perPage", 100);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uri", path + "/message-store?page=1&perPage=100");
        body.put("records", List.of());
        body.put("paging", paging);
        body.put("navigation", Map.of());
        return body;
    }

    private Map<String, Object> profile(SimulatedUser user, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uri", path + "/authz-profile");
        body.put(
                "permissions",
                user.permissions().stream().map(this::permissionEntry).toList());
        return body;
    }

    private Map<String, Object> permissionEntry(Permission p) {
        Map<String, Object> permission = new LinkedHashMap<>();
        permission.put("uri", baseUri + "/restapi/v1.0/dictionary/permission/" + p.id());
        permission.put("id", p.id());
        permission.put("assignable", p.assignable());
        permission.put("readOnly", p.readOnly());
        permission.put("siteCompatible", p.siteCompatible());
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("uri", baseUri + "/restapi/v1.0/dictionary/user-role/" + p.effectiveRoleId());
        role.put("id", p.effectiveRoleId());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("permission", permission);
        entry.put("effectiveRole", role);
        entry.put("scopes", p.scopes());
        return entry;
    }

    private static Map<String, Object> featureRecord(Feature f) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("id", f.id());
        record.put("available", f.available());
        if (!f.params().isEmpty()) {
            record.put(
                    "params",
                    f.params().stream()
                            .map(p -> {
                                Map<String, Object> param = new LinkedHashMap<>();
                                param.put("name", p.name());
                                param.put("value", p.value());
                                return param;
                            })
                            .toList());
        }
        if (f.reason() != null) {
            Map<String, Object> reason = new LinkedHashMap<>();
            reason.put("code", f.reason().code());
            reason.put("message", f.reason().message());
            if (f.reason().permission() != null) {
                reason.put("permission", f.reason().permission());
            }
            record.put("reason", reason);
        }
        return record;
    }
}
