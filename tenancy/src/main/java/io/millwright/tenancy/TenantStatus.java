package io.millwright.tenancy;

/**
 * Where a tenant is in its life. Only {@link #ACTIVE} tenants may act; the others are answered
 * differently at the edge (suspended: 403; provisioning, deleted or purged: 404 as if absent).
 */
public enum TenantStatus {
  /** Rows exist, external resources (identity, storage) are being made; not yet usable. */
  PROVISIONING,
  ACTIVE,
  /** Access blocked by a platform admin; data kept; can be resumed. */
  SUSPENDED,
  /** Access revoked; data waits for the purge grace period to end. */
  DELETED,
  /** Key destroyed and data dropped; only the tombstone row remains. */
  PURGED;

  public boolean admitsAccess() {
    return this == ACTIVE;
  }
}
