package io.millwright.console.ports;

/** A newly provisioned tenant and its first admin's one-time credential (null if none). */
public record CreatedTenant(String slug, String adminEmail, String temporaryPassword) {}
