package dev.rcguard;

/** An annotation or filter configuration that can never be enforced; thrown at start-up, never per request. */
public class InvalidRequirementException extends IllegalArgumentException {

    public InvalidRequirementException(String message) {
        super(message);
    }
}
