package io.millwright.server.connections;

import io.millwright.plugin.api.connector.Capability;
import io.millwright.plugin.api.connector.ConfigOption;
import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorConfig;
import io.millwright.plugin.api.connector.ConnectorDescriptor;
import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.datasets.Dataset;
import io.millwright.server.datasets.DatasetStore;
import io.millwright.server.datasets.DatasetTables;
import io.millwright.server.datasets.RowSealer;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Declares, changes, pauses and deletes a tenant's connections; each change is checked against the
 * connector's descriptor and audited in its transaction. Secret option values are sealed with the
 * tenant's data key and never leave here except to the connector.
 */
@ApplicationScoped
@Transactional
public class Connections {

  private static final Jsonb JSON = JsonbBuilder.create();
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{1,63}");
  static final int DEFAULT_POLL_BATCH = 50_000;
  static final int DEFAULT_STREAM_BATCH = 5_000;
  static final Duration DEFAULT_WAIT = Duration.ofSeconds(2);

  @Inject ConnectionStore store;
  @Inject ConnectorCatalog catalog;
  @Inject DatasetStore datasets;
  @Inject DatasetTables tables;
  @Inject AuditTrail audit;

  public Connection create(
      TenantId tenant, ConnectionSpec spec, Caller caller, RequestContext context) {
    Map<String, String> errors = new LinkedHashMap<>();
    String name = spec == null ? null : spec.name();
    if (name == null || !NAME.matcher(name).matches()) {
      errors.put("name", "2-64 lowercase letters, digits, '_' or '-', starting with a letter");
    }
    if (spec == null || spec.connector() == null || spec.connector().isBlank()) {
      errors.put("connector", "is required");
      throw new ProblemException(Problem.invalidFields(errors));
    }
    Connector connector = catalog.require(tenant, spec.connector());
    Draft draft = draft(tenant, connector.descriptor(), spec, Map.of(), errors);
    if (store.find(tenant, name).isPresent()) {
      throw new ProblemException(Problem.conflict("A connection named " + name + " exists."));
    }
    UUID id = UUID.randomUUID();
    Connection made =
        new Connection(
            tenant,
            id,
            name,
            description(spec),
            connector.descriptor().id(),
            draft.dataset().id(),
            draft.dataset().name(),
            draft.plain(),
            draft.secrets().keySet(),
            draft.schedule(),
            draft.replace(),
            draft.batchRecords(),
            draft.batchWait(),
            true,
            null,
            0,
            null,
            null,
            null,
            Instant.now(),
            caller.displayName(),
            Instant.now(),
            0);
    store.insert(made, seal(tenant, id, draft.secrets()));
    audit.append(
        tenant, AuditEvent.success(caller, "connection.create", name, context, describe(made)));
    return get(tenant, name);
  }

  /** Replaces the declaration; secret options left out keep their stored values. */
  public Connection update(
      TenantId tenant, String name, ConnectionSpec spec, Caller caller, RequestContext context) {
    ConnectionStore.Stored stored = stored(tenant, name);
    Connection old = stored.connection();
    if (spec == null) {
      throw new ProblemException(Problem.badRequest("A connection declaration is required."));
    }
    if (spec.connector() != null && !spec.connector().equals(old.connectorId())) {
      throw new ProblemException(
          Problem.invalidFields(
              Map.of("connector", "cannot change; create a new connection for another connector")));
    }
    Connector connector = catalog.require(tenant, old.connectorId());
    Map<String, String> keptSecrets = unsealSecrets(tenant, old.id(), stored.sealedSecrets());
    Draft draft = draft(tenant, connector.descriptor(), spec, keptSecrets, new LinkedHashMap<>());
    Connection changed =
        new Connection(
            tenant,
            old.id(),
            old.name(),
            description(spec),
            old.connectorId(),
            draft.dataset().id(),
            draft.dataset().name(),
            draft.plain(),
            draft.secrets().keySet(),
            draft.schedule(),
            draft.replace(),
            draft.batchRecords(),
            draft.batchWait(),
            old.active(),
            old.pausedReason(),
            old.consecutiveFailures(),
            old.committedOffset(),
            old.committedSnapshot(),
            old.committedAt(),
            old.createdAt(),
            old.createdBy(),
            Instant.now(),
            old.version());
    if (!store.update(changed, seal(tenant, old.id(), draft.secrets()), old.version())) {
      throw new ProblemException(
          Problem.conflict("The connection changed meanwhile; reload it and try again."));
    }
    Map<String, Object> details = describe(changed);
    details.put("changedOptions", changedOptions(old, changed, keptSecrets, draft.secrets()));
    audit.append(tenant, AuditEvent.success(caller, "connection.update", name, context, details));
    return get(tenant, name);
  }

  public List<Connection> list(TenantId tenant) {
    return store.list(tenant).stream().map(c -> withSecretNames(tenant, c)).toList();
  }

  public Connection get(TenantId tenant, String name) {
    ConnectionStore.Stored s = stored(tenant, name);
    return withSecretNames(s);
  }

  public ConnectionStore.Stored stored(TenantId tenant, String name) {
    return store
        .find(tenant, name)
        .orElseThrow(
            () -> new ProblemException(Problem.notFound("No connection named " + name + ".")));
  }

  public UUID delete(TenantId tenant, String name, Caller caller, RequestContext context) {
    Connection c = stored(tenant, name).connection();
    store.delete(tenant, c.id());
    audit.append(
        tenant, AuditEvent.success(caller, "connection.delete", name, context, describe(c)));
    return c.id();
  }

  public Connection pause(
      TenantId tenant, String name, String reason, Caller caller, RequestContext context) {
    Connection c = stored(tenant, name).connection();
    store.setActive(
        tenant, c.id(), false, reason == null ? "paused by " + caller.displayName() : reason);
    audit.append(tenant, AuditEvent.success(caller, "connection.pause", name, context, Map.of()));
    return get(tenant, name);
  }

  public Connection resume(TenantId tenant, String name, Caller caller, RequestContext context) {
    Connection c = stored(tenant, name).connection();
    store.setActive(tenant, c.id(), true, null);
    audit.append(tenant, AuditEvent.success(caller, "connection.resume", name, context, Map.of()));
    return get(tenant, name);
  }

  /** A person asked for a run now; audited (the run itself is on the connection's runs). */
  public void auditRunRequest(TenantId tenant, String name, Caller caller, RequestContext context) {
    audit.append(tenant, AuditEvent.success(caller, "connection.run", name, context, Map.of()));
  }

  /**
   * Pauses a connection the runtime gave up on, with an alert-worthy reason, audited as the
   * platform's own action.
   */
  public void pauseFailing(TenantId tenant, UUID id, String name, String reason) {
    store.setActive(tenant, id, false, reason);
    audit.append(
        tenant,
        AuditEvent.system(
            "connection.pause", name, Map.of("reason", reason, "by", "repeated failures")));
  }

  /** The full configuration the connector gets: plain options and opened secrets. */
  public ConnectorConfig config(ConnectionStore.Stored stored, ConnectorDescriptor descriptor) {
    Connection c = stored.connection();
    Map<String, String> all = new HashMap<>(c.config());
    all.putAll(unsealSecrets(c.tenant(), c.id(), stored.sealedSecrets()));
    // Options the connector no longer declares (after an upgrade) are dropped, not refused.
    all.keySet().removeIf(k -> descriptor.options().stream().noneMatch(o -> o.name().equals(k)));
    return ConnectorConfig.of(descriptor, all);
  }

  /** Checks a configuration the way a create would and returns it, for "test connection". */
  public ConnectorConfig draftConfig(TenantId tenant, ConnectionSpec spec, String existingName) {
    Map<String, String> kept = Map.of();
    if (existingName != null) {
      ConnectionStore.Stored s = stored(tenant, existingName);
      kept = unsealSecrets(tenant, s.connection().id(), s.sealedSecrets());
    }
    Connector connector = catalog.require(tenant, spec.connector());
    Map<String, String> values = new HashMap<>(kept);
    if (spec.config() != null) {
      spec.config().forEach((k, v) -> values.put(k, v));
    }
    Map<String, String> errors = new LinkedHashMap<>();
    for (ConnectorConfig.Problem p : ConnectorConfig.problems(connector.descriptor(), values)) {
      errors.put("config." + p.option(), p.message());
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.invalidFields(errors));
    }
    return ConnectorConfig.of(connector.descriptor(), values);
  }

  // ---- validation ---------------------------------------------------------------------------

  private record Draft(
      Dataset dataset,
      Map<String, String> plain,
      Map<String, String> secrets,
      Schedule schedule,
      boolean replace,
      int batchRecords,
      Duration batchWait) {}

  private Draft draft(
      TenantId tenant,
      ConnectorDescriptor descriptor,
      ConnectionSpec spec,
      Map<String, String> keptSecrets,
      Map<String, String> errors) {
    Dataset dataset = null;
    if (spec.dataset() == null || spec.dataset().isBlank()) {
      errors.put("dataset", "is required: the dataset the records go into");
    } else {
      dataset = datasets.find(tenant, spec.dataset()).orElse(null);
      if (dataset == null) {
        errors.put("dataset", "no dataset named '" + spec.dataset() + "'; declare it first");
      }
    }
    Schedule schedule = null;
    try {
      schedule = Schedule.parse(spec.schedule());
      Capability needed = schedule.needs();
      if (!descriptor.can(needed)) {
        errors.put(
            "schedule",
            "'"
                + schedule.text()
                + "' needs a connector that can "
                + needed.name().toLowerCase(java.util.Locale.ROOT)
                + "; "
                + descriptor.displayName()
                + " can "
                + descriptor.capabilities());
      }
    } catch (IllegalArgumentException e) {
      errors.put("schedule", e.getMessage());
    }
    boolean replace = false;
    if (spec.writeMode() != null && !spec.writeMode().equals("append")) {
      if (spec.writeMode().equals("replace")) {
        replace = true;
        if (schedule != null && schedule.needs() != Capability.POLL) {
          errors.put("writeMode", "replace (a full refresh per run) needs a polled schedule");
        }
      } else {
        errors.put("writeMode", "append or replace");
      }
    }
    boolean streaming = schedule != null && schedule.kind() == Schedule.Kind.STREAM;
    int batch =
        spec.batchRecords() == null
            ? (streaming ? DEFAULT_STREAM_BATCH : DEFAULT_POLL_BATCH)
            : spec.batchRecords();
    if (batch < 1 || batch > 1_000_000) {
      errors.put("batchRecords", "between 1 and 1000000");
    }
    Duration wait = DEFAULT_WAIT;
    if (spec.batchWait() != null) {
      try {
        wait = ConnectorConfig.parseDuration(spec.batchWait());
        if (wait.toMillis() < 10 || wait.toMillis() > 600_000) {
          errors.put("batchWait", "between 10ms and 10m");
        }
      } catch (RuntimeException e) {
        errors.put("batchWait", "a duration such as 500ms, 2s or PT2S");
      }
    }
    Map<String, String> values = new HashMap<>();
    Map<String, String> given = spec.config() == null ? Map.of() : spec.config();
    given.forEach((k, v) -> values.put(k, v));
    for (ConfigOption o : descriptor.options()) {
      if (o.secret() && !given.containsKey(o.name()) && keptSecrets.containsKey(o.name())) {
        values.put(o.name(), keptSecrets.get(o.name()));
      }
    }
    for (ConnectorConfig.Problem p : ConnectorConfig.problems(descriptor, values)) {
      errors.put("config." + p.option(), p.message());
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.invalidFields(errors));
    }
    Map<String, String> plain = new TreeMap<>();
    Map<String, String> secrets = new TreeMap<>();
    for (ConfigOption o : descriptor.options()) {
      String v = values.get(o.name());
      if (v == null || v.isBlank()) {
        continue;
      }
      (o.secret() ? secrets : plain).put(o.name(), o.secret() ? v : v.strip());
    }
    return new Draft(dataset, plain, secrets, schedule, replace, batch, wait);
  }

  private static String description(ConnectionSpec spec) {
    String d = spec.description() == null ? "" : spec.description().strip();
    if (d.length() > 2000) {
      throw new ProblemException(
          Problem.invalidFields(Map.of("description", "at most 2000 characters")));
    }
    return d;
  }

  // ---- secrets ------------------------------------------------------------------------------

  private byte[] seal(TenantId tenant, UUID id, Map<String, String> secrets) {
    if (secrets.isEmpty()) {
      return null;
    }
    return new RowSealer(tables.dataKey(tenant), id).seal(JSON.toJson(secrets));
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> unsealSecrets(TenantId tenant, UUID id, byte[] sealed) {
    if (sealed == null) {
      return Map.of();
    }
    String json = new RowSealer(tables.dataKey(tenant), id).open(sealed);
    return new TreeMap<>(JSON.fromJson(json, HashMap.class));
  }

  private Connection withSecretNames(TenantId tenant, Connection c) {
    return withSecretNames(store.find(tenant, c.id()).orElseThrow());
  }

  private Connection withSecretNames(ConnectionStore.Stored s) {
    Connection c = s.connection();
    Set<String> names =
        new TreeSet<>(unsealSecrets(c.tenant(), c.id(), s.sealedSecrets()).keySet());
    return new Connection(
        c.tenant(),
        c.id(),
        c.name(),
        c.description(),
        c.connectorId(),
        c.datasetId(),
        c.datasetName(),
        c.config(),
        names,
        c.schedule(),
        c.replace(),
        c.batchRecords(),
        c.batchWait(),
        c.active(),
        c.pausedReason(),
        c.consecutiveFailures(),
        c.committedOffset(),
        c.committedSnapshot(),
        c.committedAt(),
        c.createdAt(),
        c.createdBy(),
        c.updatedAt(),
        c.version());
  }

  /** What the audit trail keeps of a connection: never a secret value. */
  private static Map<String, Object> describe(Connection c) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("connector", c.connectorId());
    d.put("dataset", c.datasetName());
    d.put("schedule", c.schedule().text());
    d.put("writeMode", c.replace() ? "replace" : "append");
    d.put("options", c.config());
    d.put("secretsSet", c.secretsSet());
    return d;
  }

  private static List<String> changedOptions(
      Connection old,
      Connection changed,
      Map<String, String> oldSecrets,
      Map<String, String> newSecrets) {
    Set<String> names = new TreeSet<>();
    names.addAll(old.config().keySet());
    names.addAll(changed.config().keySet());
    names.addAll(oldSecrets.keySet());
    names.addAll(newSecrets.keySet());
    return names.stream()
        .filter(
            n ->
                !java.util.Objects.equals(old.config().get(n), changed.config().get(n))
                    || !java.util.Objects.equals(oldSecrets.get(n), newSecrets.get(n)))
        .toList();
  }
}
