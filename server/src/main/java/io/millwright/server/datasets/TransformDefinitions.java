package io.millwright.server.datasets;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.platform.persistence.DatabaseScope;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tenant's transform definitions; each method one transaction, changes audited. */
@ApplicationScoped
@Transactional
public class TransformDefinitions {

  @Inject DatabaseScope scope;
  @Inject AuditTrail audit;

  public List<Transform> list(TenantId tenant) {
    return query(tenant, "", null);
  }

  public Optional<Transform> find(TenantId tenant, String name) {
    return query(tenant, " and name = ?", name).stream().findFirst();
  }

  public Transform define(
      TenantId tenant, Transform.Definition d, Caller caller, RequestContext context) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (d == null) {
      throw new ProblemException(Problem.badRequest("Send name, query and target."));
    }
    if (d.name() == null || !DatasetContract.NAME.matcher(d.name()).matches()) {
      errors.put(
          "name", "2 to 64 lowercase letters, digits or underscores, starting with a letter");
    }
    if (d.target() == null || !DatasetContract.NAME.matcher(d.target()).matches()) {
      errors.put("target", "the name of the dataset the result is written to");
    }
    if (d.query() == null || d.query().isBlank() || d.query().length() > 20_000) {
      errors.put("query", "a SELECT over your datasets, at most 20,000 characters");
    }
    if (d.description() != null && d.description().length() > 2000) {
      errors.put("description", "at most 2000 characters");
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.invalidFields(errors));
    }
    if (find(tenant, d.name()).isPresent()) {
      throw new ProblemException(
          Problem.conflict("A transform named '" + d.name() + "' already exists."));
    }
    scope.enterTenant(tenant);
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into dataset_transform (tenant_id, name, description, query, target,"
                      + " created_by) values (?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, tenant.value());
            s.setString(2, d.name());
            s.setString(3, d.description() == null ? "" : d.description().trim());
            s.setString(4, d.query().strip());
            s.setString(5, d.target());
            s.setString(6, caller.displayName());
            s.executeUpdate();
          }
        });
    audit.append(
        tenant,
        AuditEvent.success(
            caller, "transform.define", d.name(), context, Map.of("target", d.target())));
    return find(tenant, d.name()).orElseThrow();
  }

  public void remove(TenantId tenant, String name, Caller caller, RequestContext context) {
    scope.enterTenant(tenant);
    int[] n = new int[1];
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "delete from dataset_transform where tenant_id = ? and name = ?")) {
            s.setObject(1, tenant.value());
            s.setString(2, name);
            n[0] = s.executeUpdate();
          }
        });
    if (n[0] == 0) {
      throw notFound(name);
    }
    audit.append(tenant, AuditEvent.success(caller, "transform.remove", name, context, Map.of()));
  }

  private List<Transform> query(TenantId tenant, String where, String name) {
    scope.enterTenant(tenant);
    List<Transform> found = new ArrayList<>();
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select name, description, query, target, created_at, created_by, updated_at,"
                      + " version from dataset_transform where tenant_id = ?"
                      + where
                      + " order by name")) {
            s.setObject(1, tenant.value());
            if (name != null) {
              s.setString(2, name);
            }
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                found.add(read(rs));
              }
            }
          }
        });
    return found;
  }

  private static Transform read(ResultSet rs) throws SQLException {
    return new Transform(
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("query"),
        rs.getString("target"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getString("created_by"),
        rs.getTimestamp("updated_at").toInstant(),
        rs.getLong("version"));
  }

  private static ProblemException notFound(String name) {
    return new ProblemException(Problem.notFound("There is no transform named '" + name + "'."));
  }
}
