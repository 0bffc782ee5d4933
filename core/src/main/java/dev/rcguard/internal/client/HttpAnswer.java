package dev.rcguard.internal.client;

/**
 * One HTTP answer from RingCentral, as far as {@link Answers} needs it.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type} header, or {@code null}
 * @param retryAfter the {@code Retry-After} header, or {@code null}
 * @param body the body as text ({@code ""} when empty)
 */
public record HttpAnswer(int status, String contentType, String retryAfter, String body) {}
