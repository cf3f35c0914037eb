package io.millwright.console.ports;

import io.millwright.tenancy.TenantRole;
import java.util.List;
import java.util.Set;

/**
 * A tenant's connections to its sources in the console, and the catalogue of connectors it may use:
 * every member reads; writers (data engineers, tenant-admins) create, test, run, pause, resume and
 * delete. Secret option values go in and never come back. Refusals and bad input arrive as {@link
 * ConsoleException}, bad fields named {@code name}, {@code connector}, {@code dataset}, {@code
 * schedule}, {@code batchRecords} or {@code config.<option>}.
 */
public interface TenantConnections {

  /** Who may change connections: the same roles as for datasets and the connections API. */
  Set<TenantRole> WRITERS = Set.of(TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN);

  /** The connectors the tenant may use, with the configuration each takes. */
  List<ConnectorInfo> catalogue(String slug);

  /** The connections by name, each with its state, what it does now and its last run. */
  List<ConnectionRow> list(String slug);

  ConnectionDetail get(String slug, String name);

  /** Creates a connection; it starts at once (a manual one waits for Run now). */
  ConnectionDetail create(String slug, ConnectionDraft draft);

  /** Changes a connection; secret options left out keep their stored values. */
  ConnectionDetail update(String slug, String name, ConnectionDraft draft);

  /**
   * Tries a configuration before it is saved: the connector reaches its source and shows a sample.
   *
   * @throws ConsoleException with the source's refusal in readable words, or per bad option
   */
  ConnectionTestResult testDraft(String slug, ConnectionDraft draft);

  /** Tries a saved connection's configuration against its source. */
  ConnectionTestResult testSaved(String slug, String name);

  /**
   * Starts a run of a polled connection now; the run shows in {@link #runs} once it starts.
   *
   * @throws ConsoleException when it is paused, streaming or pushed, or a run is in progress
   */
  void runNow(String slug, String name);

  /** Pauses it: its route stops after the batch in flight. */
  ConnectionDetail pause(String slug, String name);

  /** Resumes it from its committed offset. */
  ConnectionDetail resume(String slug, String name);

  /** Stops and deletes it with its runs; the data it wrote stays. */
  void delete(String slug, String name);

  /** Its recent runs, newest first. */
  List<ConnectionRunRow> runs(String slug, String name, int limit);
}
