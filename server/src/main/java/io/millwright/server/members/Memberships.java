package io.millwright.server.members;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.platform.persistence.DatabaseScope;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Membership rows of one tenant; every change is audited in the same transaction. */
@ApplicationScoped
@Transactional
public class Memberships {

  @PersistenceContext(unitName = "millwright")
  EntityManager em;

  @Inject DatabaseScope scope;
  @Inject AuditTrail audit;

  public List<TenantMember> list(TenantId tenant) {
    scope.enterTenant(tenant);
    return em.createQuery(
            "select m from TenantMember m where m.key.tenantId = :t order by"
                + " m.addedAt, m.email",
            TenantMember.class)
        .setParameter("t", tenant.value())
        .getResultList();
  }

  public Optional<TenantMember> find(TenantId tenant, String userId) {
    scope.enterTenant(tenant);
    return Optional.ofNullable(em.find(TenantMember.class, TenantMember.key(tenant, userId)));
  }

  public Optional<TenantMember> findByEmail(TenantId tenant, String email) {
    scope.enterTenant(tenant);
    return em.createQuery(
            "select m from TenantMember m where m.key.tenantId = :t and" + " lower(m.email) = :e",
            TenantMember.class)
        .setParameter("t", tenant.value())
        .setParameter("e", email.toLowerCase())
        .getResultStream()
        .findFirst();
  }

  public TenantMember add(TenantMember member, AuditEvent event) {
    scope.enterTenant(member.tenantId());
    em.persist(member);
    em.flush();
    audit.append(member.tenantId(), event);
    return member;
  }

  /**
   * @throws LastAdminException if the change would leave the tenant without a tenant-admin
   */
  public TenantMember changeRoles(
      TenantId tenant, String userId, Set<TenantRole> roles, AuditEvent event) {
    TenantMember member = find(tenant, userId).orElseThrow(MemberNotFoundException::new);
    if (member.roles().contains(TenantRole.TENANT_ADMIN)
        && !roles.contains(TenantRole.TENANT_ADMIN)) {
      requireAnotherAdmin(tenant, userId);
    }
    member.assignRoles(roles);
    em.flush();
    audit.append(tenant, event);
    return member;
  }

  public TenantMember remove(TenantId tenant, String userId, AuditEvent event) {
    TenantMember member = find(tenant, userId).orElseThrow(MemberNotFoundException::new);
    if (member.roles().contains(TenantRole.TENANT_ADMIN)) {
      requireAnotherAdmin(tenant, userId);
    }
    em.remove(member);
    em.flush();
    audit.append(tenant, event);
    return member;
  }

  private void requireAnotherAdmin(TenantId tenant, String userId) {
    // Lock the tenant's memberships so two admins cannot demote each other at once.
    em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 17))")
        .setParameter(1, "members:" + tenant)
        .getSingleResult();
    boolean another =
        list(tenant).stream()
            .anyMatch(
                m -> !m.userId().equals(userId) && m.roles().contains(TenantRole.TENANT_ADMIN));
    if (!another) {
      throw new LastAdminException();
    }
  }

  /** No member with that id in this tenant. */
  public static class MemberNotFoundException extends RuntimeException {
    MemberNotFoundException() {
      super("no such member", null, false, false);
    }
  }

  /** A tenant must keep at least one tenant-admin. */
  public static class LastAdminException extends RuntimeException {
    LastAdminException() {
      super("last tenant-admin", null, false, false);
    }
  }
}
