package io.millwright.console.ports;

import io.millwright.tenancy.TenantRole;
import java.io.Serializable;
import java.util.Collection;
import java.util.Set;

/** A tenant the person belongs to, with the roles they hold there. */
public record TenantChoice(String slug, String name, Set<TenantRole> roles)
    implements Serializable {

  public boolean holdsAny(TenantRole... wanted) {
    for (TenantRole role : wanted) {
      if (roles.contains(role)) {
        return true;
      }
    }
    return false;
  }

  public boolean holdsAny(Collection<TenantRole> wanted) {
    return wanted.stream().anyMatch(roles::contains);
  }
}
