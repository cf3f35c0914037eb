package io.millwright.console.ports;

/** The platform admin's tenant operations; every one refuses callers without platform-admin. */
public interface PlatformTenants {

  /**
   * @param status one of the statuses in lower case, or null for all
   * @param search part of a slug or name, or null
   */
  Page<TenantRow> list(String status, String search, int offset, int limit);

  TenantDetail detail(String slug);

  /**
   * Provisions a tenant.
   *
   * @throws ConsoleException with the same field messages as the API on bad input
   */
  CreatedTenant create(String slug, String name, String plan, String adminEmail);

  void suspend(String slug);

  void resume(String slug);

  void delete(String slug);
}
