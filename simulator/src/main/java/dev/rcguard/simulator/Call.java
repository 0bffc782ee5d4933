package dev.rcguard.simulator;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A request routed to one endpoint: the path's account and extension ids and the query parameters. */
record Call(Endpoint endpoint, String accountId, String extensionId, Map<String, List<String>> query) {
    private static final Pattern PATH = Pattern.compile(
            "/restapi/v1\\.0/account/([^/]+)/extension/([^/]+)(/authz-profile/check|/features|/authz-profile|/message-store)/?");

    /** The call, or empty when the method and path match no simulated endpoint. */
    static Optional<Call> parse(String method, URI uri) {
        Matcher matcher = PATH.matcher(uri.getRawPath());
        if (!method.equals("GET") || !matcher.matches()) {
            return Optional.empty();
        }
        Endpoint endpoint = Endpoint.PERMISSION_CHECK;
        for (Endpoint candidate : Endpoint.values()) {
            if (candidate.suffix().equals(matcher.group(3))) {
                endpoint = candidate;
            }
        }
        return Optional.of(
                new Call(endpoint, decode(matcher.group(1)), decode(matcher.group(2)), query(uri.getRawQuery())));
    }

    /** Every value of a query parameter, in order. */
    List<String> all(String name) {
        return query.getOrDefault(name, List.of());
    }

    /** The first value of a query parameter. */
    Optional<String> first(String name) {
        return all(name).stream().findFirst();
    }

    /** The ids this call asks about, for the call counters. */
    List<String> ids() {
        return switch (endpoint) {
            case PERMISSION_CHECK -> first("permissionId").stream().toList();
            case FEATURES -> all("featureId");
            case AUTHZ_PROFILE, MESSAGE_STORE, OAUTH_TOKEN -> List.of();
        };
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }
}
