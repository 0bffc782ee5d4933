package dev.rcguard.simulator;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Injected faults per endpoint, for every token or for one; a token's own fault wins. */
final class FaultTable {
    private static final String ANY_TOKEN = "";

    private record Key(Endpoint endpoint, String token) {}

    private final Map<Key, Fault> faults = new ConcurrentHashMap<>();

    void put(Endpoint endpoint, String token, Fault fault) {
        faults.put(new Key(endpoint, token == null ? ANY_TOKEN : token), fault);
    }

    Optional<Fault> find(Endpoint endpoint, String token) {
        Fault own = token == null ? null : faults.get(new Key(endpoint, token));
        return Optional.ofNullable(own != null ? own : faults.get(new Key(endpoint, ANY_TOKEN)));
    }

    void clear() {
        faults.clear();
    }
}
