package io.millwright.server.tenants;

import io.millwright.tenancy.TenantId;

/**
 * Something that holds a tenant's data outside its storage area and the database (an object-store
 * prefix, say) and removes it when the tenant is purged. The purge calls every implementation; each
 * must be idempotent, because a failed purge is tried again.
 */
public interface TenantDataEraser {

  /**
   * @return how many objects were removed, for the log
   */
  long erase(TenantId tenant);
}
