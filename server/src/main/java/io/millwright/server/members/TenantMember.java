package io.millwright.server.members;

import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantRole;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** A person's membership of one tenant, with the roles they hold there. */
@Entity
@Table(name = "tenant_member")
public class TenantMember {

  /** Tenant first, as in every tenant-data key. */
  @Embeddable
  public static class Key implements Serializable {
    @Column(name = "tenant_id")
    UUID tenantId;

    @Column(name = "user_id")
    String userId;

    protected Key() {}

    Key(UUID tenantId, String userId) {
      this.tenantId = tenantId;
      this.userId = userId;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && tenantId.equals(k.tenantId) && userId.equals(k.userId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tenantId, userId);
    }
  }

  @EmbeddedId private Key key;

  @Column(nullable = false)
  private String email;

  /** Wire names, comma-separated, sorted (checked by a database constraint). */
  @Column(nullable = false)
  private String roles;

  @Column(name = "added_at", nullable = false)
  private Instant addedAt;

  @Column(name = "added_by", nullable = false)
  private String addedBy;

  protected TenantMember() {}

  public TenantMember(
      TenantId tenant, String userId, String email, Set<TenantRole> roles, String addedBy) {
    this.key = new Key(tenant.value(), userId);
    this.email = email;
    this.addedAt = Instant.now();
    this.addedBy = addedBy;
    assignRoles(roles);
  }

  public void assignRoles(Set<TenantRole> newRoles) {
    if (newRoles.isEmpty()) {
      throw new IllegalArgumentException("a member holds at least one role");
    }
    this.roles =
        newRoles.stream().sorted().map(TenantRole::wireName).collect(Collectors.joining(","));
  }

  public TenantId tenantId() {
    return new TenantId(key.tenantId);
  }

  public String userId() {
    return key.userId;
  }

  public String email() {
    return email;
  }

  public Set<TenantRole> roles() {
    EnumSet<TenantRole> set = EnumSet.noneOf(TenantRole.class);
    Arrays.stream(roles.split(","))
        .map(TenantRole::fromWireName)
        .forEach(r -> r.ifPresent(set::add));
    return set;
  }

  public Instant addedAt() {
    return addedAt;
  }

  public String addedBy() {
    return addedBy;
  }

  static Key key(TenantId tenant, String userId) {
    return new Key(tenant.value(), userId);
  }
}
