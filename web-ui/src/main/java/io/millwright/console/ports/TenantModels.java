package io.millwright.console.ports;

import io.millwright.tenancy.TenantRole;
import java.util.List;
import java.util.Set;

/**
 * A tenant's models in the console: the model types it may train, training runs, and the registry
 * of models with their versions and champion. Every member reads; trainers (analysts, data
 * engineers, tenant-admins) start and cancel runs; promoters (data engineers, tenant-admins) make a
 * version the champion and roll back. Refusals and bad input arrive as {@link ConsoleException},
 * bad fields of a training draft named {@code model}, {@code dataset}, {@code version}, {@code
 * target}, {@code task}, {@code features}, {@code modelType}, {@code split}, {@code timeColumn} or
 * {@code hyperParameters.<name>}, as by the training API.
 */
public interface TenantModels {

  /** Who may start and cancel training runs: the same roles as the training-runs API. */
  Set<TenantRole> TRAINERS =
      Set.of(TenantRole.ANALYST, TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN);

  /** Who may promote and roll back: the same roles as the models API. */
  Set<TenantRole> PROMOTERS = Set.of(TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN);

  /** Who sets a model's promotion policy. */
  Set<TenantRole> POLICY_SETTERS = Set.of(TenantRole.TENANT_ADMIN);

  /** The model types the tenant may train, by name. */
  List<ModelTypeInfo> types(String slug);

  /**
   * A dataset's columns as training sees them: what each could be predicted as.
   *
   * @throws ConsoleException when there is no such dataset
   */
  List<TrainingColumn> columns(String slug, String dataset);

  /**
   * Queues a training run; the platform checks the whole draft first and names every bad field.
   *
   * @return the queued run
   */
  TrainingRunDetail train(String slug, TrainingDraft draft);

  /** Training runs, newest first. */
  List<TrainingRunRow> runs(String slug, int limit);

  /** One run with its epochs, queue position, metrics and baseline. */
  TrainingRunDetail run(String slug, String id);

  /**
   * Cancels a queued run at once, a running one at its next check.
   *
   * @throws ConsoleException when it has finished
   */
  TrainingRunDetail cancel(String slug, String id);

  /** The models by name, each with its latest version and aliases. */
  List<ModelRow> models(String slug);

  /** One model with every version, newest first. */
  ModelDetail model(String slug, String name);

  /**
   * Makes a version the champion, behind the quality gates.
   *
   * @param reason why, for the audit trail; may be null
   * @throws ConsoleException with the gate's reason when it refuses (it must beat the naive
   *     baseline, and the current champion by the promotion margin), or when it is the champion
   *     already
   */
  ModelDetail promote(String slug, String name, int version, String reason);

  /**
   * A second person approves a waiting promotion; the gates are checked again.
   *
   * @throws ConsoleException when the signed-in person asked for it, when it is not waiting any
   *     more, or when a gate refuses it now
   */
  ModelDetail approve(String slug, String name, String requestId);

  /** Closes a waiting promotion; the champion stays. */
  ModelDetail reject(String slug, String name, String requestId, String note);

  /** Sets whether this model's promotions need a second approver (tenant admins). */
  ModelDetail requireSecondApprover(String slug, String name, boolean required);

  /**
   * Stores a trained model file (e.g. TorchScript) for a run of a type that imports one.
   *
   * @return the file's id, for {@link TrainingDraft#modelFile()}
   * @throws ConsoleException when it is empty or too large
   */
  String uploadModelFile(String slug, String fileName, java.io.InputStream content);

  /** The tenant's running and queued jobs with their place in line, and its quota use. */
  JobsOverview jobs(String slug);

  /**
   * Puts back the champion before the last promotion (or none).
   *
   * @throws ConsoleException when the model has no champion
   */
  ModelDetail rollback(String slug, String name);
}
