package io.millwright.server.tenants;

/**
 * What provisioning made. The temporary password is shown once, in the creation response; it is
 * null when the first admin already had an account.
 */
public record ProvisionedTenant(
    Tenant tenant, String adminUserId, boolean adminAccountCreated, String temporaryPassword) {}
