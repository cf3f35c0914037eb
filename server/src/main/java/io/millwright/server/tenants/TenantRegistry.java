package io.millwright.server.tenants;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.members.TenantMember;
import io.millwright.server.platform.persistence.DatabaseScope;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The tenant registry's transactions. Each public method is one transaction in the platform scope;
 * writes to a tenant's own tables additionally enter that tenant's scope.
 */
@ApplicationScoped
@Transactional
public class TenantRegistry {

  @PersistenceContext(unitName = "millwright")
  EntityManager em;

  @Inject DatabaseScope scope;
  @Inject AuditTrail audit;

  /**
   * Records the start of provisioning: the registry row, the wrapped data key, and a platform audit
   * entry, all or nothing.
   *
   * @throws SlugTakenException if a live tenant has the slug
   * @throws ProvisioningUnderwayException if an earlier attempt for the slug is not finished
   */
  public void beginProvisioning(Tenant tenant, byte[] wrappedKey, AuditEvent started) {
    scope.enterPlatform();
    Optional<Tenant> existing = findLive(tenant.slug());
    if (existing.isPresent()) {
      if (existing.get().status() == TenantStatus.PROVISIONING) {
        throw new ProvisioningUnderwayException();
      }
      throw new SlugTakenException(tenant.slug());
    }
    try {
      em.persist(tenant);
      em.flush();
    } catch (PersistenceException e) {
      // Lost a race for the slug's unique index.
      throw new SlugTakenException(tenant.slug());
    }
    scope.enterTenant(tenant.id());
    em.createNativeQuery("insert into tenant_key (tenant_id, wrapped_key) values (?1, ?2)")
        .setParameter(1, tenant.id().value())
        .setParameter(2, wrappedKey)
        .executeUpdate();
    audit.append(TenantId.PLATFORM, started);
  }

  /** Makes a provisioned tenant usable: status, organization, first admin, audit entries. */
  public Tenant activate(
      TenantId id,
      String organizationId,
      TenantMember firstAdmin,
      AuditEvent onPlatform,
      AuditEvent onTenant) {
    scope.enterPlatform();
    Tenant tenant = em.find(Tenant.class, id.value());
    tenant.activate(organizationId);
    scope.enterTenant(id);
    em.persist(firstAdmin);
    em.flush();
    audit.append(id, onTenant);
    audit.append(TenantId.PLATFORM, onPlatform);
    return tenant;
  }

  /** Removes every row of a tenant that never became active (compensation). */
  public void discardProvisioning(TenantId id, AuditEvent onPlatform) {
    scope.enterPlatform();
    Tenant tenant = em.find(Tenant.class, id.value());
    if (tenant != null && tenant.status() == TenantStatus.PROVISIONING) {
      scope.enterTenant(id);
      em.createQuery("delete from TenantMember m where m.key.tenantId = :t")
          .setParameter("t", id.value())
          .executeUpdate();
      em.createNativeQuery("delete from tenant_key where tenant_id = ?1")
          .setParameter(1, id.value())
          .executeUpdate();
      em.remove(tenant);
    }
    audit.append(TenantId.PLATFORM, onPlatform);
  }

  /** Hands a tenant whose compensation could not finish to the recovery pass. */
  public void markRollbackPending(TenantId id, AuditEvent failure) {
    scope.enterPlatform();
    Tenant tenant = em.find(Tenant.class, id.value());
    if (tenant != null
        && tenant.status() == TenantStatus.PROVISIONING
        && !Tenant.ROLLBACK_PENDING.equals(tenant.provisioningBoot())) {
      // Audited once, when the rollback is handed over; later recovery passes add nothing.
      tenant.markRollbackPending();
      audit.append(TenantId.PLATFORM, failure.withDetail("compensation", "rollback-pending"));
    }
  }

  /** A tenant's quotas by its id, or empty when it is gone. */
  public Optional<io.millwright.tenancy.Quotas> quotasOf(TenantId id) {
    scope.enterPlatform();
    return Optional.ofNullable(em.find(Tenant.class, id.value())).map(Tenant::quotas);
  }

  /** A tenant's status by its id, or empty when no such tenant was ever registered. */
  public Optional<TenantStatus> statusOf(TenantId id) {
    scope.enterPlatform();
    return Optional.ofNullable(em.find(Tenant.class, id.value())).map(Tenant::status);
  }

  public Optional<Tenant> findLive(String slug) {
    scope.enterPlatform();
    return em.createQuery(
            "select t from Tenant t where t.slug = :slug and t.status <> :purged", Tenant.class)
        .setParameter("slug", slug)
        .setParameter("purged", TenantStatus.PURGED)
        .getResultStream()
        .findFirst();
  }

  /** Registry rows, oldest first, optionally of one status. */
  public List<Tenant> list(TenantStatus status, String search, int offset, int limit) {
    scope.enterPlatform();
    return em.createQuery(
            "select t from Tenant t where (:status is null or t.status = :status)"
                + " and (:search is null or t.slug like :search or lower(t.name) like :search)"
                + " order by t.createdAt, t.slug",
            Tenant.class)
        .setParameter("status", status)
        .setParameter("search", likePattern(search))
        .setFirstResult(offset)
        .setMaxResults(limit)
        .getResultList();
  }

  public long count(TenantStatus status, String search) {
    scope.enterPlatform();
    return em.createQuery(
            "select count(t) from Tenant t where (:status is null or t.status ="
                + " :status) and (:search is null or t.slug like :search or lower(t.name) like"
                + " :search)",
            Long.class)
        .setParameter("status", status)
        .setParameter("search", likePattern(search))
        .getSingleResult();
  }

  /** Changes a live tenant and audits the change on both chains, in one transaction. */
  public Tenant change(String slug, Consumer<Tenant> change, AuditEvent event) {
    Tenant tenant = findLive(slug).orElseThrow(() -> new TenantNotFoundException(slug));
    if (tenant.status() == TenantStatus.PROVISIONING || tenant.status() == TenantStatus.DELETED) {
      throw new TenantNotFoundException(slug);
    }
    change.accept(tenant);
    em.flush();
    audit.append(tenant.id(), event);
    audit.append(TenantId.PLATFORM, event);
    return tenant;
  }

  /**
   * Tenants left in PROVISIONING by this node's earlier life, handed over after a failed rollback,
   * or started by any node long ago.
   */
  public List<Tenant> interruptedProvisioning(
      String node, String currentBoot, Instant staleBefore) {
    scope.enterPlatform();
    return em.createQuery(
            "select t from Tenant t where t.status = :p and ((t.provisioningNode ="
                + " :node and t.provisioningBoot <> :boot) or t.createdAt < :stale)",
            Tenant.class)
        .setParameter("p", TenantStatus.PROVISIONING)
        .setParameter("node", node)
        .setParameter("boot", currentBoot)
        .setParameter("stale", staleBefore)
        .getResultList();
  }

  public List<Tenant> duePurge(Instant now) {
    scope.enterPlatform();
    return em.createQuery(
            "select t from Tenant t where t.status = :d and t.purgeAfter <= :now", Tenant.class)
        .setParameter("d", TenantStatus.DELETED)
        .setParameter("now", now)
        .getResultList();
  }

  /** A LIKE pattern matching the text anywhere, with its own % and _ taken literally. */
  static String likePattern(String search) {
    if (search == null) {
      return null;
    }
    return "%"
        + search.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        + "%";
  }

  public long memberCount(TenantId id) {
    scope.enterTenant(id);
    return em.createQuery(
            "select count(m) from TenantMember m where m.key.tenantId = :t", Long.class)
        .setParameter("t", id.value())
        .getSingleResult();
  }
}
