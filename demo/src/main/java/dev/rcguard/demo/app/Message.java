package dev.rcguard.demo.app;

/**
 * One message of the demo mailbox.
 *
 * <pre>{@code
 * new Message("m-1", "+15550100", "Lunch at noon?", true);
 * }</pre>
 *
 * @param id the message id
 * @param from the sender's number
 * @param subject the text
 * @param unread whether it was not read yet
 */
public record Message(String id, String from, String subject, boolean unread) {}
