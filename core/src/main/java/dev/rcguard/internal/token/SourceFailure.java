package dev.rcguard.internal.token;

/**
 * What the guard logs of an exception a token source threw: its class and stack trace, and its causes', without any
 * message. A token source holds tokens, and its message may carry one ({@code "no refresh for " + token}); the guard
 * cannot tell, and no token may reach a log. The class thrown is this one's message, and what it prints itself as
 * ({@link #toString()}): a logging back end that prints the class and message of what it logs shows it too.
 */
public final class SourceFailure extends Exception {

    private static final int MAX_CAUSES = 10;

    private SourceFailure(Throwable thrown, Throwable cause) {
        super(thrown.getClass().getName() + " (its message is not logged: it may hold a token)", cause, false, true);
        setStackTrace(thrown.getStackTrace());
    }

    /** {@code thrown} and its causes, with their classes and stack traces only. */
    public static SourceFailure of(Throwable thrown) {
        return copy(thrown, 0);
    }

    private static SourceFailure copy(Throwable thrown, int depth) {
        Throwable cause = thrown.getCause();
        boolean more = cause != null && cause != thrown && depth < MAX_CAUSES;
        return new SourceFailure(thrown, more ? copy(cause, depth + 1) : null);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
