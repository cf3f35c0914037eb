package io.millwright.server.tenants;

/** The body of a provisioning request, as received; {@link TenantProvisioning} validates it. */
public record NewTenant(String slug, String name, String plan, String adminEmail) {}
