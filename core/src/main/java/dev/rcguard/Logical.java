package dev.rcguard;

/**
 * How several ids of one requirement combine.
 *
 * <p>{@code ALL} (the default) grants only when every id is granted; {@code ANY} grants as soon as one id is.
 */
public enum Logical {
    /** Every id must be granted. */
    ALL,
    /** At least one id must be granted. */
    ANY
}
