package dev.rcguard.simulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP answer, before it is written. */
record Answer(int status, String contentType, Map<String, String> headers, byte[] body) {
    static final String JSON = "application/json";

    static Answer json(int status, Object body) {
        return new Answer(status, JSON, Map.of(), Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    static Answer of(Fault.FixedResponse fault) {
        return new Answer(
                fault.status(),
                fault.contentType(),
                fault.headers(),
                fault.body().getBytes(StandardCharsets.UTF_8));
    }

    Answer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Answer(status, contentType, more, body);
    }
}
