package dev.rcguard.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code application/x-www-form-urlencoded} body or query read strictly, as RFC 6749 asks of OAuth requests:
 * every parameter at most once (section 3.2), one sent without a value counts as omitted (section 3.1), and
 * malformed percent escapes or pairs without {@code =} are refused.
 */
final class Form {
    private final Map<String, String> values;

    private Form(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Reads {@code raw}; {@code null} or empty is an empty form.
     *
     * @throws IllegalArgumentException with a message fit for {@code error_description} (never a value)
     */
    static Form parse(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return new Form(values);
        }
        for (String pair : raw.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Malformed form parameter");
            }
            String name;
            String value;
            try {
                name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Malformed percent-encoding in form parameter");
            }
            if (values.containsKey(name)) {
                throw new IllegalArgumentException("Parameter [" + name + "] is specified more than once");
            }
            values.put(name, value);
        }
        return new Form(values);
    }

    /** The value of a parameter; an empty value counts as omitted. */
    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
    }
}
