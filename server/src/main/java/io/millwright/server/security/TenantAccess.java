package io.millwright.server.security;

import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantRole;
import java.util.Set;

/** The tenant a request acts in, and the roles the caller holds there. */
/** {@code name} is the tenant's display name. */
public record TenantAccess(TenantId tenantId, String slug, String name, Set<TenantRole> roles) {

  public boolean holdsAny(Set<TenantRole> wanted) {
    return roles.stream().anyMatch(wanted::contains);
  }
}
