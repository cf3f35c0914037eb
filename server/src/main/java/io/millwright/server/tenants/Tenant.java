package io.millwright.server.tenants;

import io.millwright.tenancy.Plan;
import io.millwright.tenancy.Quotas;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A tenant in the registry: identity, plan, quotas and where it is in its life. */
@Entity
@Table(name = "tenant")
public class Tenant {

  /** The provisioning boot marker of a tenant whose rollback is left to recovery. */
  public static final String ROLLBACK_PENDING = "rollback-pending";

  @Id private UUID id;

  @Column(nullable = false)
  private String slug;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private String plan;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private TenantStatus status;

  @Column(name = "admin_email", nullable = false)
  private String adminEmail;

  @Column(name = "gpu_concurrency")
  private int gpuConcurrency;

  @Column(name = "gpu_hours_per_month")
  private int gpuHoursPerMonth;

  @Column(name = "storage_gb")
  private int storageGb;

  @Column(name = "api_requests_per_minute")
  private int apiRequestsPerMinute;

  @Column(name = "keycloak_org_id")
  private String keycloakOrgId;

  @Column(name = "provisioning_node")
  private String provisioningNode;

  @Column(name = "provisioning_boot")
  private String provisioningBoot;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "deleted_at")
  private Instant deletedAt;

  @Column(name = "purge_after")
  private Instant purgeAfter;

  @Column(name = "purged_at")
  private Instant purgedAt;

  @Version private long version;

  protected Tenant() {}

  /** A tenant whose provisioning has begun on the given node and boot. */
  public static Tenant beginProvisioning(
      TenantId id,
      String slug,
      String name,
      Plan plan,
      String adminEmail,
      String node,
      String boot) {
    Tenant t = new Tenant();
    t.id = id.value();
    t.slug = slug;
    t.name = name;
    t.plan = plan.wireName();
    t.status = TenantStatus.PROVISIONING;
    t.adminEmail = adminEmail;
    t.setQuotas(plan.defaultQuotas());
    t.provisioningNode = node;
    t.provisioningBoot = boot;
    t.createdAt = Instant.now();
    t.updatedAt = t.createdAt;
    return t;
  }

  public void activate(String organizationId) {
    requireStatus(TenantStatus.PROVISIONING);
    keycloakOrgId = organizationId;
    status = TenantStatus.ACTIVE;
    provisioningNode = null;
    provisioningBoot = null;
    touch();
  }

  /** Compensation could not finish; any recovery pass (of any node) may take it over. */
  public void markRollbackPending() {
    requireStatus(TenantStatus.PROVISIONING);
    provisioningBoot = ROLLBACK_PENDING;
    touch();
  }

  public void suspend() {
    requireStatus(TenantStatus.ACTIVE);
    status = TenantStatus.SUSPENDED;
    touch();
  }

  public void resume() {
    requireStatus(TenantStatus.SUSPENDED);
    status = TenantStatus.ACTIVE;
    touch();
  }

  /** Revokes access now; the purge may start once {@code purgeAfter} has passed. */
  public void markDeleted(Instant now, Instant purgeAfter) {
    if (status != TenantStatus.ACTIVE && status != TenantStatus.SUSPENDED) {
      throw new TenantStateException("tenant is " + status.name().toLowerCase());
    }
    status = TenantStatus.DELETED;
    deletedAt = now;
    this.purgeAfter = purgeAfter;
    touch();
  }

  public void markPurged(Instant now) {
    requireStatus(TenantStatus.DELETED);
    status = TenantStatus.PURGED;
    purgedAt = now;
    touch();
  }

  public void rename(String newName) {
    name = newName;
    touch();
  }

  public void changePlan(Plan newPlan) {
    plan = newPlan.wireName();
    touch();
  }

  public void setQuotas(Quotas quotas) {
    gpuConcurrency = quotas.gpuConcurrency();
    gpuHoursPerMonth = quotas.gpuHoursPerMonth();
    storageGb = quotas.storageGb();
    apiRequestsPerMinute = quotas.apiRequestsPerMinute();
    touch();
  }

  private void requireStatus(TenantStatus wanted) {
    if (status != wanted) {
      throw new TenantStateException(
          "tenant is " + status.name().toLowerCase() + ", not " + wanted.name().toLowerCase());
    }
  }

  private void touch() {
    updatedAt = Instant.now();
  }

  public TenantId id() {
    return new TenantId(id);
  }

  public String slug() {
    return slug;
  }

  public String name() {
    return name;
  }

  public Plan plan() {
    return Plan.fromWireName(plan).orElseThrow();
  }

  public TenantStatus status() {
    return status;
  }

  public String adminEmail() {
    return adminEmail;
  }

  public Quotas quotas() {
    return new Quotas(gpuConcurrency, gpuHoursPerMonth, storageGb, apiRequestsPerMinute);
  }

  public String keycloakOrgId() {
    return keycloakOrgId;
  }

  public String provisioningNode() {
    return provisioningNode;
  }

  public String provisioningBoot() {
    return provisioningBoot;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public Instant deletedAt() {
    return deletedAt;
  }

  public Instant purgeAfter() {
    return purgeAfter;
  }
}
