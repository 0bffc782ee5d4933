package dev.rcguard.simulator.hostile;

/** How an {@link AnswerKind} behaves on the wire beyond its label, written by hand with the kind. */
public enum Trait {
    /**
     * Writes bytes beyond its own framed response on the connection (an extra response, leftovers, late bytes):
     * a client that reuses the connection reads them as the answer to its next call.
     */
    LEFTOVER_BYTES,
    /**
     * Never completes: the stand-in holds, drips or streams until the client gives up, its stall cap passes
     * ({@link HostileRingCentral.Builder#stallCap}) or it is closed. Only the client's own timeout ends the call.
     */
    STALLS,
    /** Completes, but takes noticeable time (a few hundred milliseconds up to about two seconds). */
    DELAYED,
    /** Closes the connection after its bytes even when the client asked to keep it alive. */
    CLOSES,
    /**
     * A genuine grant by the definition, but big, deep or long enough that a reader with documented resource
     * limits (nesting depth, number length, body or header size) may refuse it. Refusing it is safe; letting it
     * through is also correct.
     */
    READER_LIMITS
}
