package io.millwright.console.ports;

import io.millwright.tenancy.TenantRole;
import java.util.List;
import java.util.Optional;

/** Which tenants the signed-in person may act in. */
public interface TenantSwitchboard {

  /** The person's active tenants, by name. */
  List<TenantChoice> tenantsOfCurrentUser();

  /**
   * The tenant with this slug if the person belongs to it, it is active and they hold one of the
   * roles (any member when none are given); empty otherwise, the same for a tenant that does not
   * exist. The platform audits every refusal.
   *
   * @param page what the person tried to open, for the audit trail
   */
  Optional<TenantChoice> enter(String slug, String page, TenantRole... roles);

  /** Whether the person is a platform admin; a refusal is audited. */
  boolean admitPlatformAdmin(String page);
}
