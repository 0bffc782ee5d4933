package dev.rcguard.internal.json;

/** The answer is not exactly one strict JSON value; the message says where, never what the text holds. */
public final class MalformedJsonException extends RuntimeException {

    MalformedJsonException(String problem) {
        super(problem, null, false, false);
    }
}
