package io.millwright.console.ports;

import io.millwright.tenancy.TenantRole;
import java.util.List;
import java.util.Set;

/** A tenant's members; changes need tenant-admin, reading tenant-admin or auditor. */
public interface TenantMembers {

  List<MemberRow> list(String slug);

  Invitation invite(String slug, String email, Set<TenantRole> roles);

  void changeRoles(String slug, String userId, Set<TenantRole> roles);

  void remove(String slug, String userId);
}
