package io.millwright.server.console;

import io.millwright.console.ports.HyperParameterInfo;
import io.millwright.console.ports.ModelTypeInfo;
import io.millwright.console.ports.ModelVersionRow;
import io.millwright.console.ports.PromotionRequestRow;
import io.millwright.console.ports.TrainingDraft;
import io.millwright.console.ports.TrainingEpoch;
import io.millwright.console.ports.TrainingRunDetail;
import io.millwright.console.ports.TrainingRunRow;
import io.millwright.plugin.api.model.HyperParameter;
import io.millwright.plugin.api.model.ModelTypeDescriptor;
import io.millwright.plugin.api.model.Task;
import io.millwright.server.datasets.Column;
import io.millwright.server.models.ModelStore;
import io.millwright.server.models.TrainingRequest;
import io.millwright.server.models.TrainingRun;
import io.millwright.server.models.TrainingRuns;
import io.millwright.server.models.training.Evaluation;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The records of the console's models port, made from the server's: model types, runs, epochs and
 * versions as the API shows them (tasks and kinds in their wire names, JSON numbers as doubles,
 * values that could not be computed left out); and a console draft as a training request.
 */
final class ModelRecords {

  private ModelRecords() {}

  /**
   * What a model predicting this column could learn, the task the platform infers first: a
   * true/false column is a binary class or marks known anomalies; a text column is a class, or
   * routes free text; a number is a regression target or a series to forecast.
   */
  static List<String> targetTasks(Column c) {
    Task inferred = TrainingRuns.inferredTask(c);
    if (inferred == null) {
      return List.of();
    }
    List<Task> tasks = new ArrayList<>();
    tasks.add(inferred);
    List<Task> also =
        switch (c.type()) {
          case BOOLEAN -> List.of(Task.ANOMALY_DETECTION);
          case STRING ->
              List.of(
                  Task.BINARY_CLASSIFICATION,
                  Task.MULTICLASS_CLASSIFICATION,
                  Task.TEXT_CLASSIFICATION);
          case INTEGER, DECIMAL -> List.of(Task.FORECASTING);
          case DATE, TIMESTAMP -> List.of();
        };
    also.stream().filter(t -> !tasks.contains(t)).forEach(tasks::add);
    return tasks.stream().map(ModelRecords::wire).toList();
  }

  static TrainingRequest request(TrainingDraft d) {
    return new TrainingRequest(
        blankToNull(d.model()),
        blankToNull(d.dataset()),
        null,
        blankToNull(d.target()),
        blankToNull(d.task()),
        d.features() == null || d.features().isEmpty() ? null : List.copyOf(d.features()),
        null,
        blankToNull(d.timeColumn()),
        blankToNull(d.modelType()),
        blankToNull(d.split()),
        null,
        d.hyperParameters() == null ? Map.of() : d.hyperParameters(),
        d.seed(),
        null,
        blankToNull(d.modelFile()));
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  static ModelTypeInfo type(
      ModelTypeDescriptor d, String plugin, String pluginVersion, boolean bundled) {
    return new ModelTypeInfo(
        d.id(),
        d.displayName(),
        d.description(),
        d.version(),
        d.tasks().stream().map(ModelRecords::wire).sorted().toList(),
        d.featureKinds().stream().map(ModelRecords::wire).sorted().toList(),
        d.hyperParameters().stream().map(ModelRecords::hyperParameter).toList(),
        plugin,
        pluginVersion,
        bundled,
        d.importsModel());
  }

  static HyperParameterInfo hyperParameter(HyperParameter h) {
    return new HyperParameterInfo(
        h.name(),
        h.label(),
        h.description(),
        HyperParameterInfo.Type.valueOf(h.type().name()),
        h.defaultValue(),
        h.min(),
        h.max(),
        h.choices());
  }

  static TrainingRunRow row(TrainingRun r) {
    return new TrainingRunRow(
        r.id().toString(),
        r.modelName(),
        r.datasetName(),
        r.modelType(),
        r.task(),
        r.status(),
        r.cancelRequested() && !r.finished(),
        r.epochs() == null ? 0 : r.epochs().size(),
        r.epochsPlanned(),
        r.modelVersion(),
        r.error(),
        r.requestedBy(),
        r.queuedAt(),
        r.startedAt(),
        r.finishedAt());
  }

  /**
   * A run as its page shows it.
   *
   * @param queuePosition its place in the queue (1 = next), 0 unless queued
   */
  static TrainingRunDetail run(TrainingRun r, int queuePosition) {
    boolean queued = r.status().equals("queued");
    Task task = task(r.task());
    return new TrainingRunDetail(
        r.id().toString(),
        r.modelName(),
        r.status(),
        r.cancelRequested() && !r.finished(),
        queuePosition,
        // The same words as the API for a run that waits only for its turn.
        queued
            ? (r.waitingReason() == null ? "waiting for a free job slot" : r.waitingReason())
            : null,
        r.datasetName(),
        r.snapshotId(),
        r.modelType(),
        r.modelTypeVersion(),
        r.pluginId(),
        r.pluginVersion(),
        r.task(),
        r.target(),
        r.timeColumn(),
        r.split(),
        r.hyperParameters() == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(r.hyperParameters())),
        r.seed(),
        r.attempts(),
        r.epochs() == null ? List.of() : r.epochs().stream().map(ModelRecords::epoch).toList(),
        r.epochsPlanned(),
        r.trainingRows(),
        r.validationRows(),
        numbers(r.metrics()),
        numbers(r.baseline()),
        task == null ? null : Evaluation.primaryMetric(task),
        task == null || Evaluation.higherIsBetter(task),
        r.modelVersion(),
        r.artifactSha256(),
        r.cpuSeconds(),
        r.error(),
        r.requestedBy(),
        r.queuedAt(),
        r.startedAt(),
        r.finishedAt());
  }

  /** An epoch as stored ({@code epoch}, {@code epochs} and the type's metrics, JSON numbers). */
  static TrainingEpoch epoch(Map<String, Object> stored) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    stored.forEach(
        (k, v) -> {
          // "seconds" is the epoch's wall time, a timing rather than a learning curve.
          if (!k.equals("epoch")
              && !k.equals("epochs")
              && !k.equals("seconds")
              && v instanceof Number n) {
            metrics.put(k, n.doubleValue());
          }
        });
    Object epoch = stored.get("epoch");
    return new TrainingEpoch(
        epoch instanceof Number n ? n.intValue() : 0, Collections.unmodifiableMap(metrics));
  }

  static ModelVersionRow version(ModelStore.Version v) {
    Map<String, String> hyper = new LinkedHashMap<>();
    parse(v.hyperParameters()).forEach((k, value) -> hyper.put(k, String.valueOf(value)));
    return new ModelVersionRow(
        v.version(),
        v.runId() == null ? null : v.runId().toString(),
        v.modelType(),
        v.modelTypeVersion(),
        v.pluginId(),
        v.pluginVersion(),
        v.datasetName(),
        v.snapshotId(),
        Collections.unmodifiableMap(hyper),
        v.seed(),
        numbers(parse(v.metrics())),
        numbers(parse(v.baseline())),
        v.artifactSha256(),
        v.createdAt(),
        v.createdBy());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> parse(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    Map<String, Object> map = Json.JSONB.fromJson(json, LinkedHashMap.class);
    return map == null ? Map.of() : map;
  }

  /** Numbers by name in their order; values the platform could not compute are left out. */
  static Map<String, Double> numbers(Map<String, ?> values) {
    if (values == null) {
      return Map.of();
    }
    Map<String, Double> out = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
            out.put(k, n.doubleValue());
          }
        });
    return Collections.unmodifiableMap(out);
  }

  /** Made on first use, so the mapping above is testable without a JSON-B provider. */
  static final class Json {
    static final Jsonb JSONB = JsonbBuilder.create();
  }

  static Task task(String wire) {
    if (wire == null) {
      return null;
    }
    try {
      return Task.valueOf(wire.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static String wire(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static PromotionRequestRow promotion(ModelStore.PromotionRequest r, String viewerSubject) {
    return new PromotionRequestRow(
        r.id().toString(),
        r.version(),
        r.reason(),
        r.requestedBy(),
        r.requestedAt(),
        r.status(),
        r.decidedBy(),
        r.decidedAt(),
        r.note(),
        r.requestedBySubject().equals(viewerSubject));
  }
}
