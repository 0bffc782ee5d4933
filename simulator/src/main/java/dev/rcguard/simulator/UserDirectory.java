package dev.rcguard.simulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The simulator's users, found by token, login or extension. */
final class UserDirectory {
    private final List<SimulatedUser> users = new CopyOnWriteArrayList<>();

    /**
     * Whose each token is, once known: every request is answered by its token's user, so with thousands of users a
     * scan per request would cost the simulator more CPU than the rest of its answer. A token is never taken from its
     * user, and a user leaves only with {@link #clear()}, which forgets this too.
     */
    private final Map<String, SimulatedUser> tokens = new ConcurrentHashMap<>();

    synchronized void add(SimulatedUser user) {
        List<String> own = user.tokens();
        for (String token : own) {
            if (byToken(token).isPresent()) {
                throw new IllegalArgumentException("Token already belongs to another user");
            }
        }
        if (user.login().flatMap(this::byLogin).isPresent()) {
            throw new IllegalArgumentException("Login already belongs to another user");
        }
        users.add(user);
        own.forEach(token -> tokens.put(token, user));
    }

    Optional<SimulatedUser> byLogin(String login) {
        return users.stream()
                .filter(u -> u.login().filter(login::equals).isPresent())
                .findFirst();
    }

    boolean contains(SimulatedUser user) {
        return users.contains(user);
    }

    /** The user of {@code token}: known since it was added, or found among every user (a token given or issued since). */
    Optional<SimulatedUser> byToken(String token) {
        SimulatedUser known = tokens.get(token);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<SimulatedUser> found =
                users.stream().filter(u -> u.hasToken(token)).findFirst();
        found.ifPresent(user -> {
            tokens.put(token, user);
            if (!users.contains(user)) { // clear() ran meanwhile
                tokens.remove(token, user);
            }
        });
        return found;
    }

    boolean hasExtension(String accountId, String extensionId) {
        return users.stream()
                .anyMatch(
                        u -> u.accountId().equals(accountId) && u.extensionId().equals(extensionId));
    }

    /** Every user, in the order they were added. */
    List<SimulatedUser> all() {
        return List.copyOf(users);
    }

    int size() {
        return users.size();
    }

    synchronized void clear() {
        users.clear();
        tokens.clear();
    }
}
