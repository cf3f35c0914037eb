package io.millwright.console.ports;

import io.millwright.tenancy.TenantRole;
import java.util.List;
import java.util.Set;

/**
 * A tenant's SQL transforms in the console: a named SELECT over its datasets whose result replaces
 * a target dataset's rows on every run, when someone asks or by itself on a schedule. Every member
 * reads them; {@link #WRITERS} define, change, run and remove them. Refusals and bad input arrive
 * as {@link ConsoleException}, bad fields named {@code name}, {@code target}, {@code query}, {@code
 * description} or {@code schedule}, in the platform's words.
 */
public interface TenantTransforms {

  /**
   * Who may define, change, run and remove transforms: the same roles as {@code
   * /api/tenants/{slug}/transforms} (reading it admits every member of the tenant).
   */
  Set<TenantRole> WRITERS = Set.of(TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN);

  /** The transforms by name, each with how its schedule is doing. */
  List<TransformRow> list(String slug);

  /**
   * Defines a new transform ({@code existing} null) or changes the one named {@code existing} (its
   * name stays; a paused schedule starts again). Either way its next scheduled run is planned anew.
   *
   * @return the transform as saved, with its next run
   */
  TransformRow save(String slug, String existing, TransformDraft draft);

  /**
   * Runs the saved transform now: its result replaces the target's rows as a new version (the
   * target is declared from the result's columns the first time). Waits for the run to finish.
   *
   * @throws ConsoleException with the reason when the run fails (also recorded as its last run)
   */
  TransformRunOutcome runNow(String slug, String name);

  /** Removes the transform and its schedule; the target dataset and its versions stay. */
  void remove(String slug, String name);
}
