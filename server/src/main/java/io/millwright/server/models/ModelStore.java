package io.millwright.server.models;

import static io.millwright.server.models.TrainingRunStore.JSON;

import io.millwright.server.platform.persistence.DatabaseScope;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The registry's tables in the tenant's row-level-security scope: models, their versions (each with
 * what it takes to reproduce and trust it) and the history of their aliases.
 */
@ApplicationScoped
@Transactional
public class ModelStore {

  @Inject DatabaseScope scope;

  /** A model with its current aliases. */
  public record Model(
      UUID id,
      String name,
      String task,
      Instant createdAt,
      String createdBy,
      int latestVersion,
      Map<String, Integer> aliases,
      boolean secondApprover) {}

  /** A promotion waiting for (or given) a second person's approval. */
  public record PromotionRequest(
      UUID id,
      int version,
      String reason,
      String requestedBySubject,
      String requestedBy,
      Instant requestedAt,
      String status,
      String decidedBy,
      Instant decidedAt,
      String note) {}

  /** One version of a model. */
  public record Version(
      int version,
      UUID runId,
      String modelType,
      String modelTypeVersion,
      String pluginId,
      String pluginVersion,
      String datasetName,
      long snapshotId,
      String hyperParameters,
      long seed,
      String metrics,
      String baseline,
      String signature,
      String artifactSha256,
      Instant createdAt,
      String createdBy) {}

  /**
   * Adds a version of the named model (creating the model on its first version).
   *
   * @return the new version's number
   */
  public int addVersion(
      TenantId tenant,
      String modelName,
      String task,
      TrainingRun run,
      Map<String, Double> metrics,
      Map<String, Double> baseline,
      String signature,
      String sha256) {
    scope.enterTenant(tenant);
    int[] version = new int[1];
    scope.withConnection(
        db -> {
          UUID model = UUID.randomUUID();
          try (PreparedStatement s =
              db.prepareStatement(
                  "insert into model (tenant_id, model_id, name, task, created_by) values (?, ?,"
                      + " ?, ?, ?) on conflict (tenant_id, name) do nothing")) {
            TrainingRunStore.bind(s, tenant, model, modelName, task, run.requestedBy());
            s.executeUpdate();
          }
          UUID id;
          try (PreparedStatement s =
              db.prepareStatement(
                  "select model_id from model where tenant_id = ? and name = ? for update")) {
            TrainingRunStore.bind(s, tenant, modelName);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              id = rs.getObject(1, UUID.class);
            }
          }
          try (PreparedStatement s =
              db.prepareStatement(
                  "insert into model_version (tenant_id, model_id, version, run_id, model_type,"
                      + " model_type_version, plugin_id, plugin_version, dataset_name,"
                      + " snapshot_id, hyper_parameters, seed, metrics, baseline, signature,"
                      + " artifact_sha256, created_by) select ?, ?, coalesce(max(version), 0) +"
                      + " 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from model_version where"
                      + " tenant_id = ? and model_id = ? returning version")) {
            TrainingRunStore.bind(
                s,
                tenant,
                id,
                run.id(),
                run.modelType(),
                run.modelTypeVersion(),
                run.pluginId(),
                run.pluginVersion(),
                run.datasetName(),
                run.snapshotId(),
                JSON.toJson(run.hyperParameters()),
                run.seed(),
                JSON.toJson(metrics),
                JSON.toJson(baseline),
                signature,
                sha256,
                run.requestedBy(),
                tenant,
                id);
            try (ResultSet rs = s.executeQuery()) {
              rs.next();
              version[0] = rs.getInt(1);
            }
          }
        });
    return version[0];
  }

  public void setAlias(
      TenantId tenant, String modelName, String alias, Integer version, String reason, String by) {
    execute(
        tenant,
        "insert into model_alias_event (tenant_id, model_id, alias, version, reason, set_by)"
            + " select tenant_id, model_id, ?, ?::integer, ?, ? from model where tenant_id = ? and"
            + " name = ?",
        alias,
        version,
        reason,
        by,
        tenant,
        modelName);
  }

  /**
   * The champion before the current one: the version of the champion event before the latest, or
   * null when the current champion was the first.
   */
  public Integer previousChampion(TenantId tenant, String name) {
    scope.enterTenant(tenant);
    Integer[] previous = new Integer[1];
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "select e.version from model_alias_event e join model m on m.tenant_id ="
                      + " e.tenant_id and m.model_id = e.model_id where e.tenant_id = ? and"
                      + " m.name = ? and e.alias = 'champion' order by e.seq desc offset 1 limit"
                      + " 1")) {
            TrainingRunStore.bind(s, tenant, name);
            try (ResultSet rs = s.executeQuery()) {
              if (rs.next()) {
                previous[0] = (Integer) rs.getObject(1);
              }
            }
          }
        });
    return previous[0];
  }

  public List<Model> list(TenantId tenant) {
    return models(tenant, null);
  }

  public Optional<Model> find(TenantId tenant, String name) {
    return models(tenant, name).stream().findFirst();
  }

  private List<Model> models(TenantId tenant, String name) {
    scope.enterTenant(tenant);
    List<Model> out = new ArrayList<>();
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "select m.model_id, m.name, m.task, m.created_at, m.created_by,"
                      + " (select coalesce(max(version), 0) from model_version v where v.tenant_id"
                      + " = m.tenant_id and v.model_id = m.model_id),"
                      + " (select string_agg(a.alias || '=' || coalesce(a.version::text, ''), ',')"
                      + " from (select distinct on (alias) alias, version from model_alias_event e"
                      + " where e.tenant_id = m.tenant_id and e.model_id = m.model_id order by"
                      + " alias, seq desc) a), m.second_approver"
                      + " from model m where m.tenant_id = ? and (?::text is null or m.name = ?)"
                      + " order by m.name")) {
            TrainingRunStore.bind(s, tenant, name, name);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                Map<String, Integer> aliases = new LinkedHashMap<>();
                String text = rs.getString(7);
                if (text != null) {
                  for (String pair : text.split(",")) {
                    String[] kv = pair.split("=", 2);
                    if (!kv[1].isEmpty()) {
                      aliases.put(kv[0], Integer.parseInt(kv[1]));
                    }
                  }
                }
                out.add(
                    new Model(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5),
                        rs.getInt(6),
                        aliases,
                        rs.getBoolean(8)));
              }
            }
          }
        });
    return out;
  }

  public List<Version> versions(TenantId tenant, String name) {
    scope.enterTenant(tenant);
    List<Version> out = new ArrayList<>();
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "select v.version, v.run_id, v.model_type, v.model_type_version, v.plugin_id,"
                      + " v.plugin_version, v.dataset_name, v.snapshot_id, v.hyper_parameters,"
                      + " v.seed, v.metrics, v.baseline, v.signature, v.artifact_sha256,"
                      + " v.created_at, v.created_by from model_version v join model m on"
                      + " m.tenant_id = v.tenant_id and m.model_id = v.model_id where v.tenant_id"
                      + " = ? and m.name = ? order by v.version desc")) {
            TrainingRunStore.bind(s, tenant, name);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Version(
                        rs.getInt(1),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getLong(8),
                        rs.getString(9),
                        rs.getLong(10),
                        rs.getString(11),
                        rs.getString(12),
                        rs.getString(13),
                        rs.getString(14),
                        rs.getTimestamp(15).toInstant(),
                        rs.getString(16)));
              }
            }
          }
        });
    return out;
  }

  /** Whether promoting a version of the model needs a second person's approval. */
  public boolean setSecondApprover(TenantId tenant, String name, boolean required) {
    return execute(
            tenant,
            "update model set second_approver = ? where tenant_id = ? and name = ?",
            required,
            tenant,
            name)
        == 1;
  }

  /**
   * Records a promotion waiting for approval.
   *
   * @return false when the model already has one waiting
   */
  public boolean requestPromotion(TenantId tenant, String name, PromotionRequest request) {
    return execute(
            tenant,
            "insert into model_promotion_request (tenant_id, request_id, model_id, version,"
                + " reason, requested_by_subject, requested_by) select tenant_id, ?, model_id, ?,"
                + " ?, ?, ? from model where tenant_id = ? and name = ? on conflict do nothing",
            request.id(),
            request.version(),
            request.reason(),
            request.requestedBySubject(),
            request.requestedBy(),
            tenant,
            name)
        == 1;
  }

  /** The model's promotion requests, newest first; {@code pendingOnly} for those still open. */
  public List<PromotionRequest> promotionRequests(
      TenantId tenant, String name, boolean pendingOnly) {
    scope.enterTenant(tenant);
    List<PromotionRequest> out = new ArrayList<>();
    scope.withConnection(
        db -> {
          try (PreparedStatement s =
              db.prepareStatement(
                  "select r.request_id, r.version, r.reason, r.requested_by_subject,"
                      + " r.requested_by, r.requested_at, r.status, r.decided_by, r.decided_at,"
                      + " r.note from model_promotion_request r join model m on m.tenant_id ="
                      + " r.tenant_id and m.model_id = r.model_id where r.tenant_id = ? and"
                      + " m.name = ? and (not ? or r.status = 'pending') order by"
                      + " r.requested_at desc limit 20")) {
            TrainingRunStore.bind(s, tenant, name, pendingOnly);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                java.sql.Timestamp decided = rs.getTimestamp(9);
                out.add(
                    new PromotionRequest(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant(),
                        rs.getString(7),
                        rs.getString(8),
                        decided == null ? null : decided.toInstant(),
                        rs.getString(10)));
              }
            }
          }
        });
    return out;
  }

  /**
   * Closes a pending request as approved or rejected.
   *
   * @return false when it was not pending any more (decided by someone else meanwhile)
   */
  public boolean decide(TenantId tenant, UUID request, String status, String by, String note) {
    return execute(
            tenant,
            "update model_promotion_request set status = ?, decided_by = ?, decided_at = now(),"
                + " note = ? where tenant_id = ? and request_id = ? and status = 'pending'",
            status,
            by,
            note,
            tenant,
            request)
        == 1;
  }

  private int execute(TenantId tenant, String sql, Object... values) {
    scope.enterTenant(tenant);
    int[] n = new int[1];
    scope.withConnection(
        db -> {
          try (PreparedStatement s = db.prepareStatement(sql)) {
            TrainingRunStore.bind(s, values);
            n[0] = s.executeUpdate();
          }
        });
    return n[0];
  }
}
