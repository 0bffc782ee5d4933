package dev.rcguard.simulator.hostile;

/**
 * One request the {@link HostileRingCentral} answered with a kind.
 *
 * @param connection the connection's number, from 1 in the order they were accepted
 * @param sequence the request's position on its connection, from 1
 * @param kind the kind that answered
 * @param asked what the request asked
 */
public record Served(long connection, int sequence, AnswerKind kind, Asked asked) {}
