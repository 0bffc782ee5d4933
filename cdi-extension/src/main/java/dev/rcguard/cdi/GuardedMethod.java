package dev.rcguard.cdi;

import dev.rcguard.spi.Requirement;

/**
 * A protected bean method, resolved at deployment.
 *
 * @param endpoint {@code Class#method}, for logs and events
 * @param requirement what the method needs
 * @param targetArgument the index of the argument naming the target extension, or -1
 */
record GuardedMethod(String endpoint, Requirement requirement, int targetArgument) {}
