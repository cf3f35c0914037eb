package io.millwright.server.models;

import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.HyperParameter;
import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.ModelTypeDescriptor;
import io.millwright.plugin.api.model.Task;
import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.datasets.Column;
import io.millwright.server.datasets.Dataset;
import io.millwright.server.datasets.DatasetContract;
import io.millwright.server.datasets.Datasets;
import io.millwright.server.glossary.DataType;
import io.millwright.server.models.training.Admission;
import io.millwright.server.models.training.AutoSearch;
import io.millwright.server.models.training.TrainingJob;
import io.millwright.server.platform.jobs.JobEngine;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.server.security.TenantAccess;
import io.millwright.server.tenants.TenantRegistry;
import io.millwright.tenancy.Quotas;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * Starting, following and cancelling training runs. A request is checked completely before anything
 * is queued (every problem named by its field), the dataset version is pinned, the seed chosen and
 * recorded, the hyperparameters resolved with their defaults; then the run is queued as a durable
 * job.
 */
@ApplicationScoped
public class TrainingRuns {

  private static final SecureRandom SEEDS = new SecureRandom();

  /** The model type of a run that lets the platform choose the type and its settings. */
  public static final String AUTO = "auto";

  @Inject TrainingRunStore store;
  @Inject ModelTypeCatalog catalog;
  @Inject Datasets datasets;
  @Inject JobEngine jobs;
  @Inject Admission admission;
  @Inject AuditTrail audit;
  @Inject TenantRegistry tenants;
  @Inject ModelFiles files;

  public TrainingRun start(
      TenantAccess access, TrainingRequest r, Caller caller, RequestContext context) {
    TenantId tenant = access.tenantId();
    Map<String, String> errors = new LinkedHashMap<>();
    if (r == null) {
      throw new ProblemException(Problem.badRequest("Send the training request as JSON."));
    }
    String modelName = r.model() == null ? "" : r.model().strip();
    if (!DatasetContract.NAME.matcher(modelName).matches()) {
      errors.put("model", "a name of lowercase letters, digits and '_', 2 to 64 long");
    }
    Dataset dataset = null;
    try {
      dataset = r.dataset() == null ? null : datasets.get(tenant, r.dataset());
    } catch (ProblemException e) {
      errors.put("dataset", "there is no dataset '" + r.dataset() + "'");
    }
    if (r.dataset() == null) {
      errors.put("dataset", "is required");
    }
    Long snapshot = null;
    if (dataset != null) {
      Table table = datasets.table(dataset);
      Snapshot s = r.version() == null ? table.currentSnapshot() : table.snapshot(r.version());
      if (s == null) {
        errors.put(
            "version",
            r.version() == null
                ? "the dataset has no rows yet"
                : "the dataset has no version " + r.version());
      } else {
        snapshot = s.snapshotId();
      }
    }
    Map<String, Column> columns = new LinkedHashMap<>();
    if (dataset != null) {
      dataset.contract().columns().forEach(c -> columns.put(c.name(), c));
    }
    Column target = r.target() == null ? null : columns.get(r.target());
    if (dataset != null && r.target() != null && target == null) {
      errors.put("target", "there is no column '" + r.target() + "' in " + dataset.name());
    }
    Task task = task(r, target, errors);
    if (r.target() == null && task != null && task != Task.ANOMALY_DETECTION) {
      errors.put("target", "is required: the column to predict");
    }
    String split = r.split() == null ? "random" : r.split().strip().toLowerCase(Locale.ROOT);
    if (!split.equals("random") && !split.equals("time")) {
      errors.put("split", "random or time");
    }
    if (task == Task.FORECASTING && r.timeColumn() == null) {
      errors.put("timeColumn", "forecasting needs the timestamp column that orders the series");
    }
    if (split.equals("time") && r.timeColumn() == null) {
      errors.put("timeColumn", "a time split needs the timestamp column");
    }
    if (r.timeColumn() != null && dataset != null) {
      Column time = columns.get(r.timeColumn());
      if (time == null || (time.type() != DataType.TIMESTAMP && time.type() != DataType.DATE)) {
        errors.put("timeColumn", "'" + r.timeColumn() + "' is not a date or timestamp column");
      }
    }
    double fraction = r.validationFraction() == null ? 0.2 : r.validationFraction();
    if (!(fraction >= 0.05 && fraction <= 0.5)) {
      errors.put("validationFraction", "between 0.05 and 0.5");
    }
    List<Map<String, String>> features = new ArrayList<>();
    if (dataset != null) {
      List<String> names =
          r.features() == null || r.features().isEmpty()
              ? columns.keySet().stream()
                  .filter(n -> !n.equals(r.target()))
                  .filter(n -> task != Task.FORECASTING || !n.equals(r.timeColumn()))
                  .toList()
              : r.features();
      Set<String> text = r.textColumns() == null ? Set.of() : Set.copyOf(r.textColumns());
      for (String n : names) {
        Column c = columns.get(n);
        if (c == null) {
          errors.put("features", "there is no column '" + n + "' in " + dataset.name());
          break;
        }
        if (n.equals(r.target())) {
          errors.put("features", "the target '" + n + "' cannot also be a feature");
          break;
        }
        features.add(
            Map.of("name", n, "kind", kind(c, task, text).name().toLowerCase(Locale.ROOT)));
      }
      if (features.isEmpty() && task != Task.FORECASTING && !errors.containsKey("features")) {
        errors.put("features", "at least one column to learn from");
      }
    }
    Map<String, String> hyper = new LinkedHashMap<>();
    ModelTypeDescriptor descriptor = null;
    boolean auto = AUTO.equals(r.modelType());
    if (r.modelType() == null) {
      errors.put("modelType", "is required: a type from GET .../model-types, or auto");
    } else if (auto) {
      Set<ColumnKind> kinds = new java.util.HashSet<>();
      features.forEach(f -> kinds.add(ColumnKind.valueOf(f.get("kind").toUpperCase(Locale.ROOT))));
      if (task != null
          && catalog.available(tenant).stream()
              .noneMatch(e -> AutoSearch.fits(e.descriptor(), task, kinds))) {
        errors.put(
            "modelType",
            "no model type available here learns " + wire(task) + " from these columns");
      }
      if (r.hyperParameters() != null && !r.hyperParameters().isEmpty()) {
        errors.put(
            "hyperParameters", "auto chooses the settings itself; name a model type to set them");
      }
    } else {
      try {
        ModelType type = catalog.require(tenant, r.modelType());
        descriptor = type.descriptor();
      } catch (ProblemException e) {
        errors.put("modelType", "'" + r.modelType() + "' is not available to this tenant");
      }
    }
    if (descriptor != null) {
      if (task != null && !descriptor.tasks().contains(task)) {
        errors.put(
            "modelType",
            "'"
                + descriptor.id()
                + "' cannot learn "
                + wire(task)
                + "; it learns "
                + descriptor.tasks().stream().map(TrainingRuns::wire).sorted().toList());
      }
      for (Map<String, String> f : features) {
        ColumnKind k = ColumnKind.valueOf(f.get("kind").toUpperCase(Locale.ROOT));
        if (!descriptor.featureKinds().contains(k)) {
          errors.put(
              "features",
              "'"
                  + descriptor.id()
                  + "' cannot take "
                  + f.get("name")
                  + " ("
                  + f.get("kind")
                  + ")");
        }
      }
      Map<String, String> given = r.hyperParameters() == null ? Map.of() : r.hyperParameters();
      for (Map.Entry<String, String> e : given.entrySet()) {
        HyperParameter h = descriptor.hyperParameter(e.getKey());
        if (h == null) {
          errors.put(
              "hyperParameters." + e.getKey(),
              "not a setting of "
                  + descriptor.id()
                  + "; it has "
                  + descriptor.hyperParameters().stream().map(HyperParameter::name).toList());
        } else if (h.problemWith(e.getValue()) != null) {
          errors.put("hyperParameters." + e.getKey(), h.problemWith(e.getValue()));
        }
      }
      for (HyperParameter h : descriptor.hyperParameters()) {
        hyper.put(h.name(), given.getOrDefault(h.name(), h.defaultValue()).strip());
      }
    }
    String device =
        r == null || r.device() == null ? "auto" : r.device().strip().toLowerCase(Locale.ROOT);
    if (!List.of("auto", "cpu", "gpu").contains(device)) {
      errors.put("device", "auto, cpu or gpu");
    } else if (device.equals("gpu") && descriptor != null && !descriptor.usesGpu()) {
      errors.put("device", "'" + descriptor.id() + "' does not use a GPU; leave it on auto");
    }
    UUID modelFile = modelFile(tenant, r, descriptor, auto, errors);
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.invalidFields(errors));
    }
    if (device.equals("gpu")) {
      requireGpuQuota(access);
    }
    String typeId = auto ? AUTO : descriptor.id();
    long seed = r.seed() == null ? SEEDS.nextLong() & Long.MAX_VALUE : r.seed();
    UUID id = UUID.randomUUID();
    TrainingRun run =
        new TrainingRun(
            tenant,
            id,
            modelName,
            dataset.id(),
            dataset.name(),
            snapshot,
            typeId,
            wire(task),
            r.target(),
            features,
            r.timeColumn(),
            split,
            fraction,
            hyper,
            seed,
            wantedDevice(access, device, auto ? null : descriptor),
            "queued",
            null,
            false,
            0,
            null,
            null,
            null,
            null,
            List.of(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            0,
            0,
            null,
            null,
            caller.displayName(),
            null,
            null,
            null,
            Map.of(),
            modelFile);
    store.insert(run);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("run", id.toString());
    details.put("dataset", dataset.name() + "@" + snapshot);
    details.put("modelType", typeId);
    details.put("seed", seed);
    audit.appendInNewTransaction(
        tenant, AuditEvent.success(caller, "training.start", modelName, context, details));
    jobs.submit(TrainingJob.KIND, tenant, id.toString());
    return store.find(tenant, id).orElseThrow();
  }

  /**
   * A GPU run is refused at once, with the reason, when the tenant's plan has no GPU or its GPU
   * hours for the month are used: it must not wait for hours that will not come.
   */
  /**
   * What the run asks of admission: {@code gpu} (waits for one of the tenant's GPUs on a node that
   * has one), {@code auto} (a type that uses a GPU, for a tenant with GPU quota: a GPU when one is
   * free, else the CPU) or {@code cpu}. The run records the device it got when it starts.
   */
  private String wantedDevice(TenantAccess access, String device, ModelTypeDescriptor type) {
    if (device.equals("gpu")) {
      return "gpu";
    }
    if (device.equals("auto") && type != null && type.usesGpu()) {
      Quotas quotas = tenants.findLive(access.slug()).map(t -> t.quotas()).orElseThrow();
      return quotas.gpuConcurrency() > 0 ? "auto" : "cpu";
    }
    return "cpu";
  }

  private void requireGpuQuota(TenantAccess access) {
    Quotas quotas = tenants.findLive(access.slug()).map(t -> t.quotas()).orElseThrow();
    if (quotas.gpuConcurrency() == 0) {
      throw new ProblemException(
          Problem.of(
              422,
              "gpu-quota",
              "No GPU in the plan",
              "Tenant '"
                  + access.slug()
                  + "' has no GPU quota; train on the CPU (device auto or"
                  + " cpu) or ask your platform administrator for GPU hours."));
    }
    double used = store.gpuSecondsThisMonth(access.tenantId()) / 3600;
    if (used >= quotas.gpuHoursPerMonth()) {
      throw new ProblemException(
          Problem.of(
                  422,
                  "gpu-quota",
                  "GPU hours used up",
                  String.format(
                      Locale.ROOT,
                      "Tenant '%s' has used %.2f of its %d GPU hours this month; GPU runs are"
                          + " possible again on the first of next month (UTC), or train on the"
                          + " CPU now.",
                      access.slug(),
                      used,
                      quotas.gpuHoursPerMonth()))
              .with("gpuHoursUsed", used)
              .with("gpuHoursPerMonth", quotas.gpuHoursPerMonth()));
    }
  }

  /**
   * The tenant's job quota and what uses it, shown on the jobs page.
   *
   * @param platformSlots the platform's training slots, shared by every tenant
   * @param platformSlotsBusy how many run now: explains a wait below the tenant's own cap
   */
  public record QuotaUse(
      long cpuJobsRunning,
      int cpuJobsAllowed,
      long queued,
      int platformSlots,
      long platformSlotsBusy,
      int gpuConcurrency,
      int gpuHoursPerMonth,
      double gpuHoursUsed) {}

  public QuotaUse quotaUse(TenantAccess access) {
    Quotas quotas = tenants.findLive(access.slug()).map(t -> t.quotas()).orElseThrow();
    long running = 0;
    long queued = 0;
    long busy = 0;
    for (TrainingRun r : store.queueEverywhere()) {
      busy += r.status().equals("running") ? 1 : 0;
      if (r.tenant().equals(access.tenantId())) {
        running += r.status().equals("running") ? 1 : 0;
        queued += r.status().equals("queued") ? 1 : 0;
      }
    }
    return new QuotaUse(
        running,
        admission.perTenant(),
        queued,
        admission.slots(),
        busy,
        quotas.gpuConcurrency(),
        quotas.gpuHoursPerMonth(),
        store.gpuSecondsThisMonth(access.tenantId()) / 3600);
  }

  /** The tenant's queued and running runs, oldest first. */
  public List<TrainingRun> activeJobs(TenantId tenant) {
    return store.queueEverywhere().stream().filter(r -> r.tenant().equals(tenant)).toList();
  }

  public TrainingRun get(TenantId tenant, UUID id) {
    return store
        .find(tenant, id)
        .orElseThrow(
            () -> new ProblemException(Problem.notFound("There is no training run " + id + ".")));
  }

  public Optional<TrainingRun> find(TenantId tenant, String id) {
    try {
      return store.find(tenant, UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The uploaded file a type that imports a trained model needs (and only such a type may have),
   * found in the tenant's own files; null otherwise, or when an error was noted.
   */
  private UUID modelFile(
      TenantId tenant,
      TrainingRequest r,
      ModelTypeDescriptor descriptor,
      boolean auto,
      Map<String, String> errors) {
    boolean imports = descriptor != null && descriptor.importsModel();
    if (r.modelFile() == null || r.modelFile().isBlank()) {
      if (imports) {
        errors.put(
            "modelFile",
            "'"
                + descriptor.id()
                + "' imports a trained model: upload the file to POST .../model-files and give its"
                + " id");
      }
      return null;
    }
    if (auto || (descriptor != null && !imports)) {
      errors.put(
          "modelFile",
          "only a model type that imports a trained model takes a file; "
              + (auto ? "auto" : "'" + descriptor.id() + "'")
              + " learns from the data");
      return null;
    }
    try {
      UUID id = UUID.fromString(r.modelFile().strip());
      if (files.find(tenant, id).isPresent()) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // not an id: reported below like an unknown one
    }
    errors.put("modelFile", "there is no uploaded model file '" + r.modelFile() + "'");
    return null;
  }

  /** What an automatic run tried, best candidate or not; empty for a run of one named type. */
  public List<Map<String, Object>> search(TrainingRun run) {
    return store.search(run.tenant(), run.id());
  }

  public List<TrainingRun> list(TenantId tenant, int limit) {
    return store.list(tenant, limit);
  }

  public TrainingRun cancel(TenantId tenant, UUID id, Caller caller, RequestContext context) {
    TrainingRun run = get(tenant, id);
    if (!store.requestCancel(tenant, id)) {
      throw new ProblemException(
          Problem.conflict("Training run " + id + " has finished (" + run.status() + ")."));
    }
    audit.appendInNewTransaction(
        tenant,
        AuditEvent.success(
            caller, "training.cancel", run.modelName(), context, Map.of("run", id.toString())));
    return get(tenant, id);
  }

  /**
   * The run's place among every tenant's queued runs in fair-share order (1 = next), or 0 when it
   * is not queued: what a waiting person is shown, with the reason it waits.
   */
  public int position(TrainingRun run) {
    return run.status().equals("queued") ? admission.position(run.id()) : 0;
  }

  private static Task task(TrainingRequest r, Column target, Map<String, String> errors) {
    if (r.task() != null) {
      try {
        return Task.valueOf(r.task().strip().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        errors.put(
            "task",
            "one of " + java.util.Arrays.stream(Task.values()).map(TrainingRuns::wire).toList());
        return null;
      }
    }
    if (target == null) {
      return null;
    }
    Task inferred = inferredTask(target);
    if (inferred == null) {
      errors.put("target", "a " + target.type().wireName() + " column cannot be predicted");
    }
    return inferred;
  }

  /**
   * The task a request with this target and no task learns: boolean → binary, string → binary when
   * it has two allowed values else multi-class, number → regression; null for a column that cannot
   * be predicted (dates, timestamps).
   */
  public static Task inferredTask(Column target) {
    return switch (target.type()) {
      case BOOLEAN -> Task.BINARY_CLASSIFICATION;
      case STRING ->
          target.allowedValues().size() == 2
              ? Task.BINARY_CLASSIFICATION
              : Task.MULTICLASS_CLASSIFICATION;
      case INTEGER, DECIMAL -> Task.REGRESSION;
      case DATE, TIMESTAMP -> null;
    };
  }

  private static ColumnKind kind(Column c, Task task, Set<String> text) {
    return switch (c.type()) {
      case INTEGER, DECIMAL -> ColumnKind.NUMBER;
      case BOOLEAN -> ColumnKind.BOOLEAN;
      case DATE, TIMESTAMP -> ColumnKind.TIMESTAMP;
      case STRING ->
          text.contains(c.name()) || task == Task.TEXT_CLASSIFICATION
              ? ColumnKind.TEXT
              : ColumnKind.CATEGORY;
    };
  }

  static String wire(Task task) {
    return task.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
