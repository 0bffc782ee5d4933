package dev.rcguard;

/** An annotation or filter configuration that can never be enforced; thrown at start-up, never per request. */
public class InvalidRequirementException extends IllegalArgumentException {

    /**
     * A requirement that can never be enforced.
     *
     * @param message what is wrong and where: the annotated class and method, or the filter and its init-param
     */
    public InvalidRequirementException(String message) {
        super(message);
    }
}
