package dev.rcguard.simulator;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The simulator's users, found by token, login or extension. */
final class UserDirectory {
    private final List<SimulatedUser> users = new CopyOnWriteArrayList<>();

    synchronized void add(SimulatedUser user) {
        for (String token : user.tokens()) {
            if (byToken(token).isPresent()) {
                throw new IllegalArgumentException("Token already belongs to another user");
            }
        }
        if (user.login().flatMap(this::byLogin).isPresent()) {
            throw new IllegalArgumentException("Login already belongs to another user");
        }
        users.add(user);
    }

    Optional<SimulatedUser> byLogin(String login) {
        return users.stream()
                .filter(u -> u.login().filter(login::equals).isPresent())
                .findFirst();
    }

    boolean contains(SimulatedUser user) {
        return users.contains(user);
    }

    Optional<SimulatedUser> byToken(String token) {
        return users.stream().filter(u -> u.hasToken(token)).findFirst();
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
    }
}
