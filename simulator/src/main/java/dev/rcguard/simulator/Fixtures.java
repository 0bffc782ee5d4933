package dev.rcguard.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads RingCentral-shaped fixture files: a {@code features} answer ({@code {"records": [...]}}) and an
 * {@code authz-profile} answer ({@code {"permissions": [...]}}). Both the current {@code scopes} array and
 * the older single {@code scope} are accepted.
 */
final class Fixtures {
    static final String BUNDLED_FEATURES = "fixtures/features.json";
    static final String BUNDLED_AUTHZ_PROFILE = "fixtures/authz-profile.json";

    private Fixtures() {}

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fixture " + file, e);
        }
    }

    static String readBundled(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Bundled fixture missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read bundled fixture " + name, e);
        }
    }

    static List<Feature> features(String json) {
        List<Feature> features = new ArrayList<>();
        for (Object item : list(map(Json.parse(json)).get("records"))) {
            Map<String, Object> record = map(item);
            List<Feature.Param> params = new ArrayList<>();
            for (Object param : list(record.get("params"))) {
                params.add(new Feature.Param(
                        text(map(param).get("name")), text(map(param).get("value"))));
            }
            Feature.Reason reason = null;
            if (record.get("reason") instanceof Map<?, ?> r) {
                reason = new Feature.Reason(text(r.get("code")), text(r.get("message")), (String) r.get("permission"));
            }
            features.add(
                    new Feature(text(record.get("id")), Boolean.TRUE.equals(record.get("available")), params, reason));
        }
        return features;
    }

    static List<Permission> permissions(String json) {
        List<Permission> permissions = new ArrayList<>();
        for (Object item : list(map(Json.parse(json)).get("permissions"))) {
            Map<String, Object> entry = map(item);
            Map<String, Object> permission = map(entry.get("permission"));
            List<String> scopes = new ArrayList<>();
            if (entry.get("scope") instanceof String scope) {
                scopes.add(scope);
            }
            list(entry.get("scopes")).forEach(scope -> scopes.add(text(scope)));
            permissions.add(new Permission(
                    text(permission.get("id")),
                    text(map(entry.get("effectiveRole")).get("id")),
                    scopes,
                    Boolean.TRUE.equals(permission.get("assignable")),
                    Boolean.TRUE.equals(permission.get("readOnly")),
                    String.valueOf(permission.getOrDefault("siteCompatible", "Independent"))));
        }
        return permissions;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (value instanceof Map<?, ?>) {
            return (Map<String, Object>) value;
        }
        throw new IllegalArgumentException("Fixture: expected an object, found " + value);
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("Fixture: expected a string, found " + value);
    }
}
