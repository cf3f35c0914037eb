package io.millwright.server.platform.jobs;

import io.millwright.tenancy.TenantId;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * A kind of work the {@link JobEngine} runs durably: queued in PostgreSQL, picked by exactly one
 * node, revived elsewhere when its node dies. A kind is a CDI bean; the engine finds every one at
 * start. An execution is named by its kind and a key unique within the kind (a run's id, a tenant's
 * transform), and carries the tenant it belongs to.
 */
public interface DurableJob {

  /** The kind's name in the job table; never change it once jobs of it may be queued. */
  String kind();

  /**
   * Runs one execution; exceptions are the kind's to handle (an escaping one is retried by the
   * engine's default, which a kind should not rely on).
   *
   * @param stopping true once this node is shutting down: stop soon, and say when to go on
   */
  Next run(TenantId tenant, String key, BooleanSupplier stopping);

  /** What the engine does after an execution: forget it, or run it again at {@code at}. */
  record Next(Instant at) {
    public static final Next DONE = new Next(null);

    public static Next at(Instant at) {
      return new Next(at);
    }
  }
}
