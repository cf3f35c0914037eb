package io.millwright.console.ports;

/** What a tenant-admin may see and change about their own tenant. */
public interface TenantSettings {

  TenantDetail view(String slug);

  /** Renames the tenant (its display name; the slug never changes). */
  void rename(String slug, String name);
}
