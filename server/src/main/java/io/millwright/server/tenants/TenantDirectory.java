package io.millwright.server.tenants;

import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantRole;
import io.millwright.tenancy.TenantStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Answers the edge's one question per request: which tenant is this slug, and who am I there. One
 * round trip to the database function {@code resolve_tenant_access}, which enters the platform and
 * then the tenant's row-level-security scope itself; nothing is cached, so a suspension, deletion
 * or role change applies to the very next request.
 */
@ApplicationScoped
public class TenantDirectory {

  /** A tenant as the edge sees it; {@code roles} is empty when the caller is not a member. */
  public record Resolution(
      TenantId tenantId,
      TenantStatus status,
      Set<TenantRole> roles,
      String name,
      int apiRequestsPerMinute) {}

  @Resource(lookup = "jdbc/millwright")
  DataSource dataSource;

  public Optional<Resolution> resolve(String slug, String subject) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select tenant_id, status, roles, name, api_requests_per_minute"
                    + " from resolve_tenant_access(?, ?)")) {
      s.setString(1, slug);
      s.setString(2, subject);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Resolution(
                new TenantId(rs.getObject(1, UUID.class)),
                TenantStatus.valueOf(rs.getString(2)),
                roles(rs.getString(3)),
                rs.getString(4),
                rs.getInt(5)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot resolve tenant access", e);
    }
  }

  private static Set<TenantRole> roles(String wire) {
    if (wire == null || wire.isEmpty()) {
      return Set.of();
    }
    EnumSet<TenantRole> roles = EnumSet.noneOf(TenantRole.class);
    Arrays.stream(wire.split(","))
        .map(TenantRole::fromWireName)
        .forEach(r -> r.ifPresent(roles::add));
    return roles;
  }
}
