package dev.rcguard.simulator.hostile;

/** The class an {@link AnswerKind} belongs to; its number falls in the group's range. */
public enum KindGroup {
    /** Genuine grants with legal variations of framing, headers, status line and JSON. */
    GENUINE_GRANT(100, 149),
    /** Genuine denials and genuine RingCentral errors (401, 403, 400, 404, 429, 5xx). */
    GENUINE_REFUSAL(150, 199),
    /** Duplicate member names at every level, records naming an id twice, values after the JSON object. */
    AMBIGUOUS_JSON(200, 249),
    /** Valid JSON of the wrong shape: wrong types, wrong or look-alike ids, grant bodies on error statuses. */
    WRONG_VALUE(250, 299),
    /** Text that is not strict UTF-8 JSON: BOM, invalid or overlong UTF-8, lone surrogates, JSON5-isms. */
    BROKEN_JSON_TEXT(300, 399),
    /** Status lines and interim responses that are not one final HTTP/1.1 200; redirects to a grant. */
    BROKEN_STATUS(400, 449),
    /** Content-Type, Content-Encoding and header syntax around a grant body. */
    BROKEN_HEADERS(450, 499),
    /** Content-Length, Transfer-Encoding and chunking around a grant body; early close and reset. */
    BROKEN_FRAMING(500, 599),
    /** Answers that outlive their call: extra responses, leftovers and late bytes on a kept-alive connection. */
    OUTLIVING(600, 699),
    /** Resource attacks: bodies cut off, dripping, endless headers or chunks, never answered. */
    RESOURCE(700, 799);

    private final int first;
    private final int last;

    KindGroup(int first, int last) {
        this.first = first;
        this.last = last;
    }

    /** {@return the lowest number a kind of this group may have} */
    public int first() {
        return first;
    }

    /** {@return the highest number a kind of this group may have} */
    public int last() {
        return last;
    }
}
