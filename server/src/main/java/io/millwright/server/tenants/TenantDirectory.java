package io.millwright.server.tenants;

import io.millwright.server.members.TenantMember;
import io.millwright.server.platform.persistence.DatabaseScope;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantRole;
import io.millwright.tenancy.TenantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Answers the edge's one question per request: which tenant is this slug, and who am I there. */
@ApplicationScoped
public class TenantDirectory {

  /** A tenant as the edge sees it; {@code roles} is empty when the caller is not a member. */
  public record Resolution(TenantId tenantId, TenantStatus status, Set<TenantRole> roles) {}

  @PersistenceContext(unitName = "millwright")
  EntityManager em;

  @Inject DatabaseScope scope;

  @Transactional
  public Optional<Resolution> resolve(String slug, String subject) {
    scope.enterPlatform();
    List<Tenant> found =
        em.createQuery(
                "select t from Tenant t where t.slug = :slug and t.status <> :purged", Tenant.class)
            .setParameter("slug", slug)
            .setParameter("purged", TenantStatus.PURGED)
            .getResultList();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Tenant tenant = found.get(0);
    scope.enterTenant(tenant.id());
    TenantMember member = em.find(TenantMember.class, memberKey(tenant.id(), subject));
    return Optional.of(
        new Resolution(tenant.id(), tenant.status(), member == null ? Set.of() : member.roles()));
  }

  private static Object memberKey(TenantId tenant, String subject) {
    return io.millwright.server.members.MemberKeys.of(tenant, subject);
  }
}
