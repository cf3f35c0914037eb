package io.millwright.server.datasets;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.platform.jobs.Timetable;
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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The tenant's transform definitions; each method one transaction, changes audited. */
@ApplicationScoped
@Transactional
public class TransformDefinitions {

  static final String FORMS =
      "use 'manual', 'every 15m', 'every 1h', 'every 1d' or 'cron 0 6 * * 1-5' (minute hour day"
          + " month weekday, optionally followed by a time zone such as Europe/Berlin)";

  private static final String COLUMNS =
      "name, description, query, target, schedule, created_at, created_by, updated_at, version,"
          + " paused_reason, failures, last_run_at, last_run_status, last_run_message,"
          + " last_run_version, next_run_at";

  @Inject DatabaseScope scope;
  @Inject AuditTrail audit;

  /**
   * A transform rewrites its whole target on every run: more often than once a minute would only
   * keep a node busy (tests shorten it to watch a schedule work).
   */
  @Inject
  @ConfigProperty(name = "millwright.transforms.shortest-interval", defaultValue = "PT1M")
  Duration shortest;

  public List<Transform> list(TenantId tenant) {
    return query(tenant, "", null);
  }

  public Optional<Transform> find(TenantId tenant, String name) {
    return query(tenant, " and name = ?", name).stream().findFirst();
  }

  public Transform define(
      TenantId tenant, Transform.Definition d, Caller caller, RequestContext context) {
    Timetable schedule = validate(d, true);
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
                      + " schedule, created_by) values (?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, tenant.value());
            s.setString(2, d.name());
            s.setString(3, d.description() == null ? "" : d.description().trim());
            s.setString(4, d.query().strip());
            s.setString(5, d.target());
            s.setString(6, schedule.text());
            s.setString(7, caller.displayName());
            s.executeUpdate();
          }
        });
    audit.append(
        tenant,
        AuditEvent.success(
            caller,
            "transform.define",
            d.name(),
            context,
            Map.of("target", d.target(), "schedule", schedule.text())));
    return find(tenant, d.name()).orElseThrow();
  }

  /**
   * Replaces what a person declares (the name stays). A paused schedule starts again: whoever
   * changes a transform has looked at it.
   */
  public Transform update(
      TenantId tenant, String name, Transform.Definition d, Caller caller, RequestContext context) {
    Transform before = find(tenant, name).orElseThrow(() -> notFound(name));
    if (d != null && d.name() != null && !d.name().equals(name)) {
      throw new ProblemException(
          Problem.invalidFields(
              Map.of("name", "a transform keeps its name; define a new one to rename it")));
    }
    Transform.Definition full =
        d == null
            ? null
            : new Transform.Definition(name, d.description(), d.query(), d.target(), d.schedule());
    Timetable schedule = validate(full, false);
    scope.enterTenant(tenant);
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update dataset_transform set description = ?, query = ?, target = ?,"
                      + " schedule = ?, paused_reason = null, failures = 0, updated_at = now(),"
                      + " version = version + 1 where tenant_id = ? and name = ?")) {
            s.setString(1, full.description() == null ? "" : full.description().trim());
            s.setString(2, full.query().strip());
            s.setString(3, full.target());
            s.setString(4, schedule.text());
            s.setObject(5, tenant.value());
            s.setString(6, name);
            s.executeUpdate();
          }
        });
    Transform after = find(tenant, name).orElseThrow();
    Map<String, Object> changed = new LinkedHashMap<>();
    if (!before.query().equals(after.query())) {
      changed.put("query", "changed");
    }
    if (!before.target().equals(after.target())) {
      changed.put("target", before.target() + " → " + after.target());
    }
    if (!before.schedule().equals(after.schedule())) {
      changed.put("schedule", before.schedule().text() + " → " + after.schedule().text());
    }
    if (!Objects.equals(before.description(), after.description())) {
      changed.put("description", "changed");
    }
    if (before.scheduling().pausedReason() != null) {
      changed.put("resumed", true);
    }
    audit.append(tenant, AuditEvent.success(caller, "transform.update", name, context, changed));
    return after;
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

  /**
   * Records a run's outcome: a success clears the failures in a row, a failure adds one. Returns
   * the failures in a row now.
   */
  public int recorded(
      TenantId tenant, String name, Instant at, String status, String message, Long version) {
    scope.enterTenant(tenant);
    int[] failures = {0};
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update dataset_transform set last_run_at = ?, last_run_status = ?,"
                      + " last_run_message = ?, last_run_version = ?, failures = case when ? then"
                      + " 0 else failures + 1 end where tenant_id = ? and name = ? returning"
                      + " failures")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, status);
            s.setString(3, clip(message));
            s.setObject(4, version);
            s.setBoolean(5, "succeeded".equals(status));
            s.setObject(6, tenant.value());
            s.setString(7, name);
            try (ResultSet rs = s.executeQuery()) {
              failures[0] = rs.next() ? rs.getInt(1) : 0;
            }
          }
        });
    return failures[0];
  }

  /** When the schedule runs the transform next (null: it does not). */
  public void nextRun(TenantId tenant, String name, Instant at) {
    scope.enterTenant(tenant);
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update dataset_transform set next_run_at = ? where tenant_id = ? and name = ?")) {
            s.setTimestamp(1, at == null ? null : Timestamp.from(at));
            s.setObject(2, tenant.value());
            s.setString(3, name);
            s.executeUpdate();
          }
        });
  }

  /** Stops the schedule with the reason a person reads; audited as the platform's doing. */
  public void pause(
      TenantId tenant, String name, String reason, Caller platform, RequestContext context) {
    scope.enterTenant(tenant);
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update dataset_transform set paused_reason = ?, next_run_at = null where"
                      + " tenant_id = ? and name = ?")) {
            s.setString(1, clip(reason));
            s.setObject(2, tenant.value());
            s.setString(3, name);
            s.executeUpdate();
          }
        });
    audit.append(
        tenant,
        AuditEvent.success(platform, "transform.pause", name, context, Map.of("reason", reason)));
  }

  /**
   * @param creating whether the name must be checked (an update keeps its name)
   * @return the parsed schedule
   */
  private Timetable validate(Transform.Definition d, boolean creating) {
    if (d == null) {
      throw new ProblemException(Problem.badRequest("Send name, query and target."));
    }
    Map<String, String> errors = new LinkedHashMap<>();
    if (creating && (d.name() == null || !DatasetContract.NAME.matcher(d.name()).matches())) {
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
    Timetable schedule = Timetable.MANUAL;
    if (d.schedule() != null && !d.schedule().isBlank()) {
      try {
        schedule = Timetable.parse(d.schedule(), FORMS, shortest);
      } catch (IllegalArgumentException e) {
        errors.put("schedule", e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.invalidFields(errors));
    }
    return schedule;
  }

  private List<Transform> query(TenantId tenant, String where, String name) {
    scope.enterTenant(tenant);
    List<Transform> found = new ArrayList<>();
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select "
                      + COLUMNS
                      + " from dataset_transform where tenant_id = ?"
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
    Transform.LastRun last = null;
    Timestamp lastAt = rs.getTimestamp("last_run_at");
    if (lastAt != null) {
      long version = rs.getLong("last_run_version");
      Long written = rs.wasNull() ? null : version;
      last =
          new Transform.LastRun(
              lastAt.toInstant(),
              rs.getString("last_run_status"),
              rs.getString("last_run_message"),
              written);
    }
    Timestamp next = rs.getTimestamp("next_run_at");
    return new Transform(
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("query"),
        rs.getString("target"),
        Timetable.parse(rs.getString("schedule"), FORMS, Duration.ZERO),
        rs.getTimestamp("created_at").toInstant(),
        rs.getString("created_by"),
        rs.getTimestamp("updated_at").toInstant(),
        rs.getLong("version"),
        new Transform.Scheduling(
            rs.getString("paused_reason"),
            rs.getInt("failures"),
            last,
            next == null ? null : next.toInstant()));
  }

  private static String clip(String text) {
    if (text == null) {
      return null;
    }
    return text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
  }

  private static ProblemException notFound(String name) {
    return new ProblemException(Problem.notFound("There is no transform named '" + name + "'."));
  }
}
