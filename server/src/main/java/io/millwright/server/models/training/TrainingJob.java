package io.millwright.server.models.training;

import io.millwright.metering.UsageCategory;
import io.millwright.metering.UsageEvent;
import io.millwright.plugin.api.model.Column;
import io.millwright.plugin.api.model.ColumnKind;
import io.millwright.plugin.api.model.Device;
import io.millwright.plugin.api.model.ModelException;
import io.millwright.plugin.api.model.ModelSignature;
import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.Task;
import io.millwright.plugin.api.model.TrainedModel;
import io.millwright.plugin.api.model.TrainingData;
import io.millwright.plugin.api.model.TrainingSpec;
import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.datasets.Datasets;
import io.millwright.server.models.ArtifactStore;
import io.millwright.server.models.ModelFiles;
import io.millwright.server.models.ModelStore;
import io.millwright.server.models.ModelTypeCatalog;
import io.millwright.server.models.TrainingRun;
import io.millwright.server.models.TrainingRunStore;
import io.millwright.server.models.TrainingRuns;
import io.millwright.server.platform.config.PlatformSettings;
import io.millwright.server.platform.jobs.DurableJob;
import io.millwright.server.plugins.PluginHost;
import io.millwright.server.usage.UsageRecorder;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One execution of a training run, on whichever node's job engine picked it: admission against the
 * tenant's quota (or a later retry with the reason shown), then read the pinned snapshot, train,
 * evaluate against the naive baseline, store the encrypted artifact, register the model version,
 * meter the CPU seconds. A run whose node died is picked up again (up to three attempts).
 */
@ApplicationScoped
public class TrainingJob implements DurableJob {

  /** The kind's name in the job table (unchanged since the first training run was queued). */
  public static final String KIND = "training-run";

  private static final Logger LOG = Logger.getLogger(TrainingJob.class.getName());
  static final int MAX_ATTEMPTS = 3;

  /** What the engine does next: nothing (done), or try again at {@code retryAt}. */
  public record Outcome(Instant retryAt) {
    static final Outcome DONE = new Outcome(null);
  }

  @Inject TrainingRunStore runs;
  @Inject ModelStore models;
  @Inject ModelTypeCatalog catalog;
  @Inject PluginHost plugins;
  @Inject Datasets datasets;
  @Inject ArtifactStore artifacts;
  @Inject UsageRecorder usage;
  @Inject AuditTrail audit;
  @Inject PlatformSettings settings;
  @Inject Admission admission;
  @Inject ModelFiles files;

  @Inject
  @ConfigProperty(name = "millwright.training.max-rows", defaultValue = "1000000")
  long maxRows;

  @Inject
  @ConfigProperty(name = "millwright.training.admission-retry", defaultValue = "PT2S")
  Duration admissionRetry;

  /** How many candidates an automatic run tries at most. */
  @Inject
  @ConfigProperty(name = "millwright.training.auto-candidates", defaultValue = "4")
  int autoCandidates;

  /** After this long an automatic run starts no further candidate and keeps the best so far. */
  @Inject
  @ConfigProperty(name = "millwright.training.auto-budget", defaultValue = "PT15M")
  Duration autoBudget;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Next run(TenantId tenant, String key, BooleanSupplier stopping) {
    return Next.at(run(tenant, UUID.fromString(key), stopping).retryAt());
  }

  public Outcome run(TenantId tenant, UUID id, BooleanSupplier stopping) {
    TrainingRun run = runs.find(tenant, id).orElse(null);
    if (run == null || run.finished()) {
      return Outcome.DONE;
    }
    if (run.status().equals("running") && run.attempts() >= MAX_ATTEMPTS) {
      runs.ended(
          tenant,
          id,
          "failed",
          "the node running it stopped " + run.attempts() + " times; not tried again",
          0,
          0);
      return Outcome.DONE;
    }
    String wait = admission.admit(run, settings.nodeId());
    if (Admission.GONE.equals(wait)) {
      return Outcome.DONE; // cancelled meanwhile
    }
    if (wait != null) {
      return new Outcome(Instant.now().plus(admissionRetry));
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuBefore = threads.getCurrentThreadCpuTime();
    TrainingRun started = runs.find(tenant, id).orElseThrow();
    // A GPU is metered by the wall time it is held, whatever the thread does meanwhile.
    long held = System.nanoTime();
    DoubleSupplier gpuSeconds =
        () -> "gpu".equals(started.device()) ? (System.nanoTime() - held) / 1e9 : 0;
    Path work = null;
    try {
      work = Files.createTempDirectory("millwright-train-" + id);
      train(started, work, stopping, threads, cpuBefore, gpuSeconds);
    } catch (ModelException e) {
      double cpu = seconds(threads, cpuBefore);
      double gpu = gpuSeconds.getAsDouble();
      String status = e.kind() == ModelException.Kind.CANCELLED ? "cancelled" : "failed";
      if (e.kind() == ModelException.Kind.CANCELLED && stopping.getAsBoolean()) {
        // The node is stopping, not a person cancelling: the job goes back to the queue and runs
        // again, here after a restart or on another node.
        meter(tenant, id, cpu, gpu);
        return new Outcome(Instant.now());
      }
      if (e.kind() == ModelException.Kind.FAILED) {
        LOG.log(Level.WARNING, "Training run " + id + " failed", e);
      }
      runs.ended(tenant, id, status, status.equals("cancelled") ? null : e.getMessage(), cpu, gpu);
      meter(tenant, id, cpu, gpu);
    } catch (IOException | RuntimeException e) {
      double cpu = seconds(threads, cpuBefore);
      double gpu = gpuSeconds.getAsDouble();
      LOG.log(Level.WARNING, "Training run " + id + " failed", e);
      runs.ended(tenant, id, "failed", "the platform failed: " + e, cpu, gpu);
      meter(tenant, id, cpu, gpu);
    } finally {
      deleteTree(work);
    }
    return Outcome.DONE;
  }

  private void train(
      TrainingRun run,
      Path work,
      BooleanSupplier stopping,
      ThreadMXBean threads,
      long cpuBefore,
      DoubleSupplier gpuSeconds)
      throws ModelException, IOException {
    TenantId tenant = run.tenant();
    boolean auto = TrainingRuns.AUTO.equals(run.modelType());
    TrainingSpec spec = spec(run);
    SnapshotData data =
        SnapshotData.read(
            datasets.table(datasets.get(tenant, run.datasetName())),
            run.snapshotId(),
            spec,
            run.split().equals("time"),
            run.validationFraction(),
            maxRows);
    runs.rows(tenant, run.id(), data.trainingRows(), data.validationRows());
    List<AutoSearch.Candidate> candidates =
        auto
            ? AutoSearch.candidates(
                catalog.available(tenant).stream().map(e -> e.descriptor()).toList(),
                spec.task(),
                spec.features().stream().map(Column::kind).collect(Collectors.toSet()),
                autoCandidates)
            : List.of(new AutoSearch.Candidate(run.modelType(), run.hyperParameters()));
    if (candidates.isEmpty()) {
      throw ModelException.invalidInput("No model type available now learns this task.");
    }
    Instant deadline = Instant.now().plus(autoBudget);
    Trained best = null;
    List<Map<String, Object>> tried = new ArrayList<>();
    try {
      for (int i = 0; i < candidates.size(); i++) {
        if (i > 0 && Instant.now().isAfter(deadline)) {
          break; // the budget is spent: keep the best so far
        }
        AutoSearch.Candidate c = candidates.get(i);
        Trained t = trainOne(run, data, c, i + 1, auto ? candidates.size() : 1, work, stopping);
        tried.add(t.summary());
        if (best == null || t.result().betterThan(best.result())) {
          if (best != null) {
            best.model().close();
          }
          best = t;
        } else {
          t.model().close();
        }
      }
    } catch (ModelException | RuntimeException e) {
      if (best != null) {
        best.model().close();
      }
      throw e;
    }
    Trained chosen = best;
    if (auto) {
      runs.chose(
          tenant,
          run.id(),
          chosen.candidate().modelType(),
          chosen.candidate().hyperParameters(),
          tried);
    }
    plugins
        .sourceOfModelType(chosen.candidate().modelType())
        .ifPresent(
            src ->
                runs.plugin(
                    tenant,
                    run.id(),
                    src.pluginId(),
                    src.pluginVersion(),
                    chosen.type().descriptor().version()));
    try (TrainedModel model = chosen.model()) {
      Evaluation.Result result = chosen.result();
      Path artifact = Files.createDirectories(work.resolve("artifact"));
      long saveStart = System.nanoTime();
      model.save(artifact);
      ArtifactStore.Stored stored = artifacts.store(tenant, run.id(), artifact);
      Map<String, Double> timings = new LinkedHashMap<>();
      timings.put("artifactSaveSeconds", (System.nanoTime() - saveStart) / 1e9);
      // A version is registered only if what was stored loads back and predicts like the model
      // that was evaluated: a model type whose save or load loses something fails here, not later
      // when the version serves.
      try {
        timings.put(
            "artifactLoadSeconds",
            ArtifactCheck.loadsBackAndAgrees(
                model, chosen.type(), artifacts, tenant, stored, work, data));
      } catch (ModelException | RuntimeException e) {
        artifacts.delete(tenant, List.of(stored.location()));
        throw e;
      }
      TrainingRun current = runs.find(tenant, run.id()).orElseThrow();
      int version =
          models.addVersion(
              tenant,
              run.modelName(),
              run.task(),
              current,
              result.metrics(),
              result.baseline(),
              signatureJson(model.signature()),
              stored.sha256());
      if (result.beatsBaseline()) {
        models.setAlias(
            tenant,
            run.modelName(),
            "challenger",
            version,
            "version " + version + " beats the naive baseline on " + result.primary(),
            "training-run:" + run.id());
      }
      double cpu = seconds(threads, cpuBefore);
      double gpu = gpuSeconds.getAsDouble();
      runs.succeeded(
          tenant,
          run.id(),
          result.metrics(),
          result.baseline(),
          stored.location(),
          stored.sha256(),
          stored.bytes(),
          version,
          cpu,
          gpu,
          timings);
      meter(tenant, run.id(), cpu, gpu);
      audit.appendInNewTransaction(
          tenant,
          AuditEvent.system(
              "model.version.create",
              run.modelName() + " v" + version,
              Map.of(
                  "run",
                  run.id().toString(),
                  "modelType",
                  chosen.candidate().modelType(),
                  "dataset",
                  run.datasetName() + "@" + run.snapshotId(),
                  "artifactSha256",
                  stored.sha256())));
    }
  }

  /** One trained candidate with the host's verdict on it. */
  private record Trained(
      AutoSearch.Candidate candidate,
      ModelType type,
      TrainedModel model,
      Evaluation.Result result) {

    Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("modelType", candidate.modelType());
      m.put("hyperParameters", candidate.hyperParameters());
      m.put("metric", result.primary());
      m.put("value", result.metrics().get(result.primary()));
      m.put("baseline", result.baseline().get(result.primary()));
      return m;
    }
  }

  private Trained trainOne(
      TrainingRun run,
      SnapshotData data,
      AutoSearch.Candidate c,
      int number,
      int of,
      Path work,
      BooleanSupplier stopping)
      throws ModelException, IOException {
    TenantId tenant = run.tenant();
    ModelType type;
    try {
      type = catalog.require(tenant, c.modelType());
    } catch (RuntimeException e) {
      throw ModelException.invalidInput(
          "Model type '" + c.modelType() + "' is not available to this tenant now.");
    }
    TrainingSpec base = data.spec();
    TrainingData withSettings =
        new Settled(
            new TrainingSpec(
                base.task(),
                base.target(),
                base.features(),
                base.timeColumn(),
                c.hyperParameters(),
                base.seed()),
            data);
    Path scratch = Files.createDirectories(work.resolve("scratch-" + number));
    Path supplied = null;
    if (run.modelFile() != null && type.descriptor().importsModel()) {
      supplied = work.resolve("supplied-model");
      if (!Files.exists(supplied)) {
        files.restore(tenant, run.modelFile(), supplied);
      }
    }
    HostTrainingContext context =
        new HostTrainingContext(
            "gpu".equals(run.device()) ? Device.gpu(0) : Device.CPU,
            scratch,
            tenant + "." + run.id(),
            p -> runs.epoch(tenant, run.id(), tagged(p.epochs(), number, of, c), p.planned()),
            () -> runs.cancelRequested(tenant, run.id()),
            stopping,
            supplied);
    TrainedModel model = type.train(withSettings, context);
    try {
      return new Trained(c, type, model, Evaluation.evaluate(model, withSettings));
    } catch (ModelException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /** An automatic run's epochs say which candidate they belong to. */
  private static List<Map<String, Object>> tagged(
      List<Map<String, Object>> epochs, int number, int of, AutoSearch.Candidate c) {
    if (of == 1) {
      return epochs;
    }
    return epochs.stream()
        .map(
            e -> {
              Map<String, Object> t = new LinkedHashMap<>(e);
              t.put("candidate", number);
              t.put("candidates", of);
              t.put("candidateType", c.modelType());
              return (Map<String, Object>) t;
            })
        .toList();
  }

  /** The same split and batches with one candidate's settings. */
  private record Settled(TrainingSpec spec, SnapshotData data) implements TrainingData {
    @Override
    public Iterable<io.millwright.plugin.api.model.DataBatch> training() {
      return data.training();
    }

    @Override
    public Iterable<io.millwright.plugin.api.model.DataBatch> validation() {
      return data.validation();
    }

    @Override
    public long trainingRows() {
      return data.trainingRows();
    }

    @Override
    public long validationRows() {
      return data.validationRows();
    }
  }

  static TrainingSpec spec(TrainingRun run) {
    List<Column> features = new ArrayList<>();
    for (Map<String, String> f : run.features()) {
      features.add(
          new Column(f.get("name"), ColumnKind.valueOf(f.get("kind").toUpperCase(Locale.ROOT))));
    }
    Task task = Task.valueOf(run.task().toUpperCase(Locale.ROOT).replace('-', '_'));
    Column target = run.target() == null ? null : new Column(run.target(), targetKind(run, task));
    return new TrainingSpec(
        task, target, features, run.timeColumn(), run.hyperParameters(), run.seed());
  }

  private static ColumnKind targetKind(TrainingRun run, Task task) {
    return switch (task) {
      case BINARY_CLASSIFICATION, MULTICLASS_CLASSIFICATION, TEXT_CLASSIFICATION ->
          ColumnKind.CATEGORY;
      case ANOMALY_DETECTION -> ColumnKind.BOOLEAN;
      default -> ColumnKind.NUMBER;
    };
  }

  private static String signatureJson(ModelSignature s) {
    Map<String, Object> json =
        Map.of(
            "task",
            s.task().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            "inputs",
            s.inputs().stream()
                .map(
                    c -> Map.of("name", c.name(), "kind", c.kind().name().toLowerCase(Locale.ROOT)))
                .toList(),
            "output",
            Map.of(
                "name",
                s.output().name(),
                "kind",
                s.output().kind().name().toLowerCase(Locale.ROOT)),
            "labels",
            s.labels());
    return TrainingRunStoreJson.toJson(json);
  }

  private void meter(TenantId tenant, UUID run, double cpuSeconds, double gpuSeconds) {
    List<UsageEvent> events = new ArrayList<>();
    Instant now = Instant.now();
    if (cpuSeconds > 0) {
      events.add(usage(tenant, run, "cpu", "training.cpu.seconds", cpuSeconds, now));
    }
    if (gpuSeconds > 0) {
      events.add(usage(tenant, run, "gpu", "training.gpu.seconds", gpuSeconds, now));
    }
    if (events.isEmpty()) {
      return;
    }
    try {
      usage.record(tenant, events);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Could not meter training run " + run, e);
    }
  }

  private static UsageEvent usage(
      TenantId tenant, UUID run, String kind, String meter, double seconds, Instant now) {
    return new UsageEvent(
        "training:" + run + ":" + kind + ":" + now.toEpochMilli(),
        tenant,
        meter,
        BigDecimal.valueOf(seconds).setScale(3, java.math.RoundingMode.HALF_UP),
        "second",
        now,
        UsageCategory.TRAINING,
        run.toString(),
        Map.of("run", run.toString()));
  }

  private static double seconds(ThreadMXBean threads, long before) {
    long now = threads.getCurrentThreadCpuTime();
    return before < 0 || now < 0 ? 0 : (now - before) / 1e9;
  }

  private static void deleteTree(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.log(Level.FINE, "cleaning " + root, e);
    }
  }
}
