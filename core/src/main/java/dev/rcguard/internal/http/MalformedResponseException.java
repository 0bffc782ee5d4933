package dev.rcguard.internal.http;

import java.io.IOException;

/** RingCentral's side sent something that is not a strictly framed HTTP/1.1 answer; the connection is dropped. */
public final class MalformedResponseException extends IOException {

    MalformedResponseException(String problem) {
        super(problem);
    }
}
