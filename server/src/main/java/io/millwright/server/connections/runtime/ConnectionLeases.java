package io.millwright.server.connections.runtime;

import io.millwright.server.connections.Schedule;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.server.platform.persistence.DatabaseScope;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which node polls a connection on its schedule: the one holding its lease. Every node deploys
 * every active connection, so without it each node polled every source (only the offset
 * compare-and-set kept them from committing twice). Taking and renewing is one statement: an upsert
 * that succeeds when nobody holds the lease, this node holds it, or the holder let it expire. A
 * manual "run now" does not ask: a person chose this node, and the offset still keeps the two from
 * writing a batch twice.
 */
@ApplicationScoped
@Transactional
public class ConnectionLeases {

  @Inject DatabaseScope scope;
  @Inject PlatformSettings settings;

  /** The shortest lease: longer than a poll of a busy source can take to start. */
  @Inject
  @ConfigProperty(name = "millwright.connections.lease", defaultValue = "PT60S")
  Duration minimum;

  /**
   * Takes or renews the lease for this node.
   *
   * @return whether this node holds it now (and so polls)
   */
  public boolean hold(TenantId tenant, UUID connection, Schedule schedule) {
    Duration ttl = ttl(schedule, minimum);
    scope.enterTenant(tenant);
    boolean[] held = {false};
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into connection_lease (tenant_id, connection_id, node_id, expires_at)"
                      + " values (?, ?, ?, now() + ? * interval '1 millisecond')"
                      + " on conflict (tenant_id, connection_id) do update set"
                      + " node_id = excluded.node_id, expires_at = excluded.expires_at,"
                      + " acquired_at = case when connection_lease.node_id = excluded.node_id"
                      + " then connection_lease.acquired_at else now() end"
                      + " where connection_lease.node_id = excluded.node_id"
                      + " or connection_lease.expires_at < now()"
                      + " returning node_id")) {
            s.setObject(1, tenant.value());
            s.setObject(2, connection);
            s.setString(3, settings.nodeId());
            s.setLong(4, ttl.toMillis());
            try (ResultSet rs = s.executeQuery()) {
              held[0] = rs.next();
            }
          }
        });
    return held[0];
  }

  /** Gives the lease up (the route stops here), so another node takes over at its next poll. */
  public void release(TenantId tenant, UUID connection) {
    scope.enterTenant(tenant);
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "delete from connection_lease where tenant_id = ? and connection_id = ? and"
                      + " node_id = ?")) {
            s.setObject(1, tenant.value());
            s.setObject(2, connection);
            s.setString(3, settings.nodeId());
            s.executeUpdate();
          }
        });
  }

  /**
   * How long a lease lasts without renewal: the interval of an interval schedule plus half of it,
   * at least plus {@code minimum} (a holder renews at every poll, so a late poll keeps it, and a
   * crashed holder's connection is polled by another node within one and a half intervals). A cron
   * schedule's polls may be a day apart: its lease lasts the minimum, and whichever node polls
   * first at the next instant takes it.
   */
  static Duration ttl(Schedule schedule, Duration minimum) {
    if (schedule != null && schedule.kind() == Schedule.Kind.EVERY) {
      Duration half = schedule.every().dividedBy(2);
      return schedule.every().plus(half.compareTo(minimum) > 0 ? half : minimum);
    }
    return minimum;
  }
}
