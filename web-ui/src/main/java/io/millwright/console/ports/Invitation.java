package io.millwright.console.ports;

/** The result of inviting someone: their membership and, for a new account, its credential. */
public record Invitation(MemberRow member, String temporaryPassword) {}
