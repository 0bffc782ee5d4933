package dev.rcguard.simulator.hostile;

import java.io.IOException;

/** How a kind writes its bytes for one request, and what happens to the connection afterwards. */
@FunctionalInterface
interface Responder {
    /** What the connection does after a kind's bytes. */
    enum After {
        /** Read the next request, unless the client asked to close. */
        KEEP_ALIVE,
        /** Close the connection (in order: the client reads everything that was written). */
        CLOSE
    }

    After answer(Wire wire, Asked asked) throws IOException;

    /** This responder, then close the connection. */
    default Responder thenClose() {
        return (wire, asked) -> {
            answer(wire, asked);
            return After.CLOSE;
        };
    }
}
