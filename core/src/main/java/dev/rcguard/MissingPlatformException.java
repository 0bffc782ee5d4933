package dev.rcguard;

/**
 * Thrown when the application starts on a platform that lacks an API the guard needs (MicroProfile Rest Client,
 * JSON-B): the deployment fails with a message that names what is missing and how to add it on each server, instead
 * of every guarded request failing later.
 */
public class MissingPlatformException extends RuntimeException {

    public MissingPlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
