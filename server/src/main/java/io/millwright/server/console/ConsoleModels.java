package io.millwright.server.console;

import io.millwright.console.ports.JobRow;
import io.millwright.console.ports.JobsOverview;
import io.millwright.console.ports.ModelDetail;
import io.millwright.console.ports.ModelRow;
import io.millwright.console.ports.ModelTypeInfo;
import io.millwright.console.ports.TenantModels;
import io.millwright.console.ports.TrainingColumn;
import io.millwright.console.ports.TrainingDraft;
import io.millwright.console.ports.TrainingRunDetail;
import io.millwright.console.ports.TrainingRunRow;
import io.millwright.plugin.api.model.Task;
import io.millwright.server.datasets.Datasets;
import io.millwright.server.models.ModelFiles;
import io.millwright.server.models.ModelPromotions;
import io.millwright.server.models.ModelStore;
import io.millwright.server.models.ModelTypeCatalog;
import io.millwright.server.models.TrainingRun;
import io.millwright.server.models.TrainingRuns;
import io.millwright.server.models.training.Evaluation;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.plugins.PluginHost;
import io.millwright.server.security.TenantAccess;
import io.millwright.tenancy.TenantId;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Models in the console: the same model-type catalogue, training runs, registry and promotion
 * gates, with the same gate, audit and metering, as {@code /api/tenants/{slug}/model-types}, {@code
 * /training-runs} and {@code /models}. Every member reads; trainers start and cancel; promoters
 * promote and roll back.
 */
@ApplicationScoped
public class ConsoleModels implements TenantModels {

  private static final TenantRole[] TRAINER_ROLES = TRAINERS.toArray(TenantRole[]::new);
  private static final TenantRole[] PROMOTER_ROLES = PROMOTERS.toArray(TenantRole[]::new);

  @Inject ConsoleCalls calls;
  @Inject ModelTypeCatalog catalog;
  @Inject TrainingRuns runs;
  @Inject ModelStore store;
  @Inject ModelPromotions promotions;
  @Inject ModelFiles files;
  @Inject Datasets datasets;

  @Override
  public List<ModelTypeInfo> types(String slug) {
    TenantAccess tenant = calls.tenant(slug, "list model types");
    return ConsoleCalls.readable(
        () ->
            catalog.available(tenant.tenantId()).stream()
                .map(
                    e ->
                        ModelRecords.type(
                            e.descriptor(),
                            e.pluginId(),
                            e.pluginVersion(),
                            PluginHost.BUNDLED.equals(e.source())))
                .sorted(Comparator.comparing(ModelTypeInfo::name))
                .toList());
  }

  @Override
  public List<TrainingColumn> columns(String slug, String dataset) {
    TenantAccess tenant = calls.tenant(slug, "list training columns");
    return ConsoleCalls.readable(
        () ->
            datasets.get(tenant.tenantId(), dataset).contract().columns().stream()
                .map(
                    c ->
                        new TrainingColumn(
                            c.name(), c.type().wireName(), ModelRecords.targetTasks(c)))
                .toList());
  }

  @Override
  public TrainingRunDetail train(String slug, TrainingDraft draft) {
    TenantAccess tenant = calls.tenant(slug, "start training", TRAINER_ROLES);
    return ConsoleCalls.readable(
        () ->
            detail(
                runs.start(tenant, ModelRecords.request(draft), calls.caller(), calls.context())));
  }

  @Override
  public List<TrainingRunRow> runs(String slug, int limit) {
    TenantAccess tenant = calls.tenant(slug, "list training runs");
    int bounded = Math.max(1, Math.min(500, limit));
    return ConsoleCalls.readable(
        () -> runs.list(tenant.tenantId(), bounded).stream().map(ModelRecords::row).toList());
  }

  @Override
  public TrainingRunDetail run(String slug, String id) {
    TenantAccess tenant = calls.tenant(slug, "view training run");
    return ConsoleCalls.readable(() -> detail(find(tenant.tenantId(), id)));
  }

  @Override
  public TrainingRunDetail cancel(String slug, String id) {
    TenantAccess tenant = calls.tenant(slug, "cancel training run", TRAINER_ROLES);
    return ConsoleCalls.readable(
        () ->
            detail(
                runs.cancel(
                    tenant.tenantId(),
                    find(tenant.tenantId(), id).id(),
                    calls.caller(),
                    calls.context())));
  }

  @Override
  public List<ModelRow> models(String slug) {
    TenantAccess tenant = calls.tenant(slug, "list models");
    return ConsoleCalls.readable(
        () ->
            store.list(tenant.tenantId()).stream()
                .map(
                    m ->
                        new ModelRow(
                            m.name(),
                            m.task(),
                            m.latestVersion(),
                            m.aliases().get("champion"),
                            m.aliases().get("challenger"),
                            m.createdAt(),
                            m.createdBy()))
                .toList());
  }

  @Override
  public ModelDetail model(String slug, String name) {
    TenantAccess tenant = calls.tenant(slug, "view model");
    return ConsoleCalls.readable(() -> detail(tenant.tenantId(), name));
  }

  @Override
  public ModelDetail promote(String slug, String name, int version, String reason) {
    TenantAccess tenant = calls.tenant(slug, "promote model", PROMOTER_ROLES);
    return ConsoleCalls.readable(
        () -> {
          promotions.promote(
              tenant.tenantId(),
              name,
              version,
              reason == null || reason.isBlank() ? null : reason.strip(),
              calls.caller(),
              calls.context());
          return detail(tenant.tenantId(), name);
        });
  }

  @Override
  public ModelDetail approve(String slug, String name, String requestId) {
    TenantAccess tenant = calls.tenant(slug, "approve promotion", PROMOTER_ROLES);
    return ConsoleCalls.readable(
        () -> {
          promotions.approve(
              tenant.tenantId(), name, requestId(requestId), calls.caller(), calls.context());
          return detail(tenant.tenantId(), name);
        });
  }

  @Override
  public ModelDetail reject(String slug, String name, String requestId, String note) {
    TenantAccess tenant = calls.tenant(slug, "reject promotion", PROMOTER_ROLES);
    return ConsoleCalls.readable(
        () -> {
          promotions.reject(
              tenant.tenantId(),
              name,
              requestId(requestId),
              note == null || note.isBlank() ? null : note,
              calls.caller(),
              calls.context());
          return detail(tenant.tenantId(), name);
        });
  }

  @Override
  public ModelDetail requireSecondApprover(String slug, String name, boolean required) {
    TenantAccess tenant = calls.tenant(slug, "set promotion policy", TenantRole.TENANT_ADMIN);
    return ConsoleCalls.readable(
        () -> {
          promotions.requireSecondApprover(
              tenant.tenantId(), name, required, calls.caller(), calls.context());
          return detail(tenant.tenantId(), name);
        });
  }

  @Override
  public String uploadModelFile(String slug, String fileName, java.io.InputStream content) {
    TenantAccess tenant = calls.tenant(slug, "upload model file", TRAINER_ROLES);
    return ConsoleCalls.readable(
        () ->
            files
                .upload(tenant.tenantId(), fileName, content, calls.caller(), calls.context())
                .id()
                .toString());
  }

  @Override
  public JobsOverview jobs(String slug) {
    TenantAccess tenant = calls.tenant(slug, "list jobs");
    return ConsoleCalls.readable(
        () -> {
          TrainingRuns.QuotaUse q = runs.quotaUse(tenant);
          return new JobsOverview(
              (int) q.cpuJobsRunning(),
              q.cpuJobsAllowed(),
              (int) q.queued(),
              q.platformSlots(),
              (int) q.platformSlotsBusy(),
              q.gpuConcurrency(),
              q.gpuHoursPerMonth(),
              q.gpuHoursUsed(),
              runs.activeJobs(tenant.tenantId()).stream()
                  .map(
                      r ->
                          new JobRow(
                              r.id().toString(),
                              r.modelName(),
                              r.modelType(),
                              r.status(),
                              runs.position(r),
                              r.waitingReason(),
                              r.device(),
                              r.nodeId(),
                              r.queuedAt(),
                              r.startedAt()))
                  .toList());
        });
  }

  private static UUID requestId(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.notFound("There is no promotion request " + text + "."));
    }
  }

  @Override
  public ModelDetail rollback(String slug, String name) {
    TenantAccess tenant = calls.tenant(slug, "roll back model", PROMOTER_ROLES);
    return ConsoleCalls.readable(
        () -> {
          promotions.rollback(tenant.tenantId(), name, calls.caller(), calls.context());
          return detail(tenant.tenantId(), name);
        });
  }

  // ---- mapping ------------------------------------------------------------------------------

  private TrainingRun find(TenantId tenant, String id) {
    return runs.find(tenant, id)
        .orElseThrow(
            () -> new ProblemException(Problem.notFound("There is no training run " + id + ".")));
  }

  private TrainingRunDetail detail(TrainingRun r) {
    return ModelRecords.run(r, r.status().equals("queued") ? runs.position(r) : 0);
  }

  private ModelDetail detail(TenantId tenant, String name) {
    ModelStore.Model m =
        store
            .find(tenant, name)
            .orElseThrow(
                () -> new ProblemException(Problem.notFound("There is no model '" + name + "'.")));
    Task task = ModelRecords.task(m.task());
    Integer champion = m.aliases().get("champion");
    return new ModelDetail(
        m.name(),
        m.task(),
        task == null ? null : Evaluation.primaryMetric(task),
        task == null || Evaluation.higherIsBetter(task),
        m.latestVersion(),
        champion,
        m.aliases().get("challenger"),
        champion == null ? null : store.previousChampion(tenant, name),
        m.createdAt(),
        m.createdBy(),
        store.versions(tenant, name).stream().map(ModelRecords::version).toList(),
        m.secondApprover(),
        store.promotionRequests(tenant, name, false).stream()
            .map(r -> ModelRecords.promotion(r, calls.caller().subject()))
            .toList());
  }
}
