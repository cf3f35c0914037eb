package io.millwright.server.members;

import io.millwright.tenancy.TenantId;

/** Builds membership primary keys for lookups from other features. */
public final class MemberKeys {

  private MemberKeys() {}

  public static TenantMember.Key of(TenantId tenant, String userId) {
    return TenantMember.key(tenant, userId);
  }
}
