package io.millwright.server.datasets;

import io.millwright.server.platform.jobs.DurableJob;
import io.millwright.server.platform.jobs.JobEngine;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.server.tenants.TenantRegistry;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs transforms on their schedules, as durable jobs: one queued execution per scheduled
 * transform, picked by one node, planned again after each run from the schedule as it is then (a
 * change made while it ran counts). A transform that fails {@value #PAUSE_AFTER} times in a row is
 * paused with the last reason, as a connection that keeps failing is, instead of failing every hour
 * unseen; changing the transform starts it again. A suspended tenant's runs are skipped, not made
 * up later.
 */
@ApplicationScoped
public class TransformSchedules implements DurableJob {

  private static final Logger LOG = Logger.getLogger(TransformSchedules.class.getName());

  /** The kind's name in the job table. */
  public static final String KIND = "dataset-transform";

  static final int PAUSE_AFTER = 3;

  /** When the registry cannot be read (database restarting): try again this much later. */
  private static final Duration UNREADABLE_RETRY = Duration.ofMinutes(1);

  static final Caller SCHEDULE =
      new Caller("system:schedule", "transform schedule", null, Set.of(), Set.of());

  @Inject TransformDefinitions definitions;
  @Inject DatasetTransforms transforms;
  @Inject JobEngine jobs;
  @Inject TenantRegistry registry;

  @Override
  public String kind() {
    return KIND;
  }

  /** After a definition changed (or was removed): plans its next run, or forgets it. */
  public void replan(TenantId tenant, String name) {
    Transform t = definitions.find(tenant, name).orElse(null);
    if (t == null || !t.runsByItself()) {
      jobs.cancel(KIND, key(tenant, name));
      if (t != null) {
        definitions.nextRun(tenant, name, null);
      }
      return;
    }
    Instant next = t.schedule().nextAfter(Instant.now());
    definitions.nextRun(tenant, name, next);
    jobs.plan(KIND, tenant, key(tenant, name), next);
  }

  @Override
  public Next run(TenantId tenant, String key, BooleanSupplier stopping) {
    String name = key.substring(key.indexOf('/') + 1);
    Optional<TenantStatus> status;
    Transform t;
    try {
      status = registry.statusOf(tenant);
      t =
          status.isEmpty() || status.get() == TenantStatus.PURGED
              ? null
              : definitions.find(tenant, name).orElse(null);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Scheduled transform " + key + " could not be read; retrying", e);
      return Next.at(Instant.now().plus(UNREADABLE_RETRY));
    }
    if (t == null || !t.runsByItself()) {
      return Next.DONE;
    }
    if (!status.get().admitsAccess()) {
      return planned(tenant, t);
    }
    RequestContext context = new RequestContext();
    context.begin("schedule-" + UUID.randomUUID(), null);
    context.authenticate(SCHEDULE);
    String failure = null;
    try {
      transforms.run(tenant, name, SCHEDULE, context);
    } catch (ProblemException e) {
      failure = e.problem().detail();
    } catch (RuntimeException e) {
      failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      LOG.log(Level.WARNING, "Scheduled transform " + key + " failed", e);
    }
    Transform now = definitions.find(tenant, name).orElse(null);
    if (now == null || !now.runsByItself()) {
      return Next.DONE;
    }
    if (failure != null && now.scheduling().failures() >= PAUSE_AFTER) {
      definitions.pause(
          tenant,
          name,
          "paused after "
              + now.scheduling().failures()
              + " failed runs in a row; the last said: "
              + failure,
          SCHEDULE,
          context);
      return Next.DONE;
    }
    return planned(tenant, now);
  }

  private Next planned(TenantId tenant, Transform t) {
    Instant next = t.schedule().nextAfter(Instant.now());
    definitions.nextRun(tenant, t.name(), next);
    return Next.at(next);
  }

  static String key(TenantId tenant, String name) {
    return tenant + "/" + name;
  }
}
