package io.millwright.server.console;

import io.millwright.console.ports.ConnectionDetail;
import io.millwright.console.ports.ConnectionDraft;
import io.millwright.console.ports.ConnectionLive;
import io.millwright.console.ports.ConnectionRow;
import io.millwright.console.ports.ConnectionRunRow;
import io.millwright.console.ports.ConnectionTestResult;
import io.millwright.console.ports.ConnectorInfo;
import io.millwright.console.ports.ConnectorOption;
import io.millwright.console.ports.TenantConnections;
import io.millwright.plugin.api.connector.ConfigOption;
import io.millwright.plugin.api.connector.ConnectionCheck;
import io.millwright.plugin.api.connector.ConnectorDescriptor;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.server.connections.Connection;
import io.millwright.server.connections.ConnectionChecks;
import io.millwright.server.connections.ConnectionControl;
import io.millwright.server.connections.ConnectionRun;
import io.millwright.server.connections.ConnectionSpec;
import io.millwright.server.connections.ConnectionStore;
import io.millwright.server.connections.Connections;
import io.millwright.server.connections.ConnectorCatalog;
import io.millwright.server.connections.Schedule;
import io.millwright.server.connections.runtime.LiveStatus;
import io.millwright.server.plugins.PluginHost;
import io.millwright.server.security.TenantAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Connections in the console: the same services, runtime, gate, audit and metering as {@code
 * /api/tenants/{slug}/connections}. Every member reads; writers (as for datasets) change, test and
 * run. Secret values go in and never come back out.
 */
@ApplicationScoped
public class ConsoleConnections implements TenantConnections {

  @Inject ConsoleCalls calls;
  @Inject Connections connections;
  @Inject ConnectionControl control;
  @Inject ConnectionChecks checks;
  @Inject ConnectionStore store;
  @Inject ConnectorCatalog catalog;

  @Override
  public List<ConnectorInfo> catalogue(String slug) {
    TenantAccess tenant = calls.tenant(slug, "list connectors");
    return ConsoleCalls.readable(
        () ->
            catalog.available(tenant.tenantId()).stream()
                .map(
                    e ->
                        connector(
                            e.descriptor(),
                            e.pluginId(),
                            e.pluginVersion(),
                            PluginHost.BUNDLED.equals(e.source())))
                .sorted(Comparator.comparing(ConnectorInfo::name))
                .toList());
  }

  @Override
  public List<ConnectionRow> list(String slug) {
    TenantAccess tenant = calls.tenant(slug, "list connections");
    return ConsoleCalls.readable(
        () ->
            connections.list(tenant.tenantId()).stream()
                .map(
                    c -> {
                      List<ConnectionRun> last = store.runs(tenant.tenantId(), c.id(), 1);
                      return new ConnectionRow(
                          c.name(),
                          c.connectorId(),
                          c.datasetName(),
                          c.schedule().text(),
                          state(c),
                          c.pausedReason(),
                          c.consecutiveFailures(),
                          live(control.status(c)),
                          last.isEmpty() ? null : run(last.get(0)));
                    })
                .toList());
  }

  @Override
  public ConnectionDetail get(String slug, String name) {
    TenantAccess tenant = calls.tenant(slug, "view connection");
    return detail(slug, ConsoleCalls.readable(() -> connections.get(tenant.tenantId(), name)));
  }

  @Override
  public ConnectionDetail create(String slug, ConnectionDraft draft) {
    TenantAccess tenant = calls.tenant(slug, "create connection", ConsoleDatasets.WRITERS);
    return detail(
        slug,
        ConsoleCalls.readable(
            () -> control.create(tenant.tenantId(), spec(draft), calls.caller(), calls.context())));
  }

  @Override
  public ConnectionDetail update(String slug, String name, ConnectionDraft draft) {
    TenantAccess tenant = calls.tenant(slug, "change connection", ConsoleDatasets.WRITERS);
    return detail(
        slug,
        ConsoleCalls.readable(
            () ->
                control.update(
                    tenant.tenantId(), name, spec(draft), calls.caller(), calls.context())));
  }

  @Override
  public ConnectionTestResult testDraft(String slug, ConnectionDraft draft) {
    TenantAccess tenant = calls.tenant(slug, "test connection", ConsoleDatasets.WRITERS);
    return result(ConsoleCalls.readable(() -> checks.draft(tenant.tenantId(), spec(draft))));
  }

  @Override
  public ConnectionTestResult testSaved(String slug, String name) {
    TenantAccess tenant = calls.tenant(slug, "test connection", ConsoleDatasets.WRITERS);
    return result(ConsoleCalls.readable(() -> checks.saved(tenant.tenantId(), name)));
  }

  @Override
  public void runNow(String slug, String name) {
    TenantAccess tenant = calls.tenant(slug, "run connection", ConsoleDatasets.WRITERS);
    ConsoleCalls.readable(
        () -> control.runNow(tenant.tenantId(), name, calls.caller(), calls.context()));
  }

  @Override
  public ConnectionDetail pause(String slug, String name) {
    TenantAccess tenant = calls.tenant(slug, "pause connection", ConsoleDatasets.WRITERS);
    return detail(
        slug,
        ConsoleCalls.readable(
            () -> control.pause(tenant.tenantId(), name, calls.caller(), calls.context())));
  }

  @Override
  public ConnectionDetail resume(String slug, String name) {
    TenantAccess tenant = calls.tenant(slug, "resume connection", ConsoleDatasets.WRITERS);
    return detail(
        slug,
        ConsoleCalls.readable(
            () -> control.resume(tenant.tenantId(), name, calls.caller(), calls.context())));
  }

  @Override
  public void delete(String slug, String name) {
    TenantAccess tenant = calls.tenant(slug, "delete connection", ConsoleDatasets.WRITERS);
    ConsoleCalls.readable(
        () -> control.delete(tenant.tenantId(), name, calls.caller(), calls.context()));
  }

  @Override
  public List<ConnectionRunRow> runs(String slug, String name, int limit) {
    TenantAccess tenant = calls.tenant(slug, "list connection runs");
    int bounded = Math.max(1, Math.min(500, limit));
    return ConsoleCalls.readable(
        () -> {
          Connection c = connections.get(tenant.tenantId(), name);
          return store.runs(tenant.tenantId(), c.id(), bounded).stream()
              .map(ConsoleConnections::run)
              .toList();
        });
  }

  // ---- mapping ------------------------------------------------------------------------------

  private static ConnectionSpec spec(ConnectionDraft d) {
    return new ConnectionSpec(
        blankToNull(d.name()),
        d.description(),
        blankToNull(d.connector()),
        blankToNull(d.dataset()),
        d.config() == null ? Map.of() : d.config(),
        blankToNull(d.schedule()),
        blankToNull(d.writeMode()),
        d.batchRecords(),
        blankToNull(d.batchWait()));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private ConnectionDetail detail(String slug, Connection c) {
    return new ConnectionDetail(
        c.name(),
        c.description(),
        c.connectorId(),
        c.datasetName(),
        c.schedule().text(),
        c.replace() ? "replace" : "append",
        c.batchRecords(),
        c.batchWait().toString(),
        state(c),
        c.pausedReason(),
        c.consecutiveFailures(),
        Collections.unmodifiableMap(new TreeMap<>(c.config())),
        Collections.unmodifiableSet(new TreeSet<>(c.secretsSet())),
        c.committedOffset(),
        c.committedSnapshot(),
        c.committedAt(),
        live(control.status(c)),
        c.createdAt(),
        c.createdBy(),
        c.updatedAt(),
        c.schedule().kind() == Schedule.Kind.PUSH ? "/api/push/" + slug + "/" + c.id() : null);
  }

  private static String state(Connection c) {
    return c.active() ? "active" : "paused";
  }

  private static ConnectionLive live(LiveStatus s) {
    return new ConnectionLive(
        s.state(), s.statusLine(), s.lastError(), s.lastRunAt(), s.recordsThisRun());
  }

  static ConnectionRunRow run(ConnectionRun r) {
    return new ConnectionRunRow(
        r.id().toString(),
        r.trigger(),
        r.status(),
        r.startedAt(),
        r.finishedAt(),
        r.recordsRead(),
        r.rowsWritten(),
        r.rowsQuarantined(),
        r.rowsDeduplicated(),
        r.commits(),
        r.error());
  }

  static ConnectorInfo connector(
      ConnectorDescriptor d, String plugin, String pluginVersion, boolean bundled) {
    return new ConnectorInfo(
        d.id(),
        d.displayName(),
        d.description(),
        d.version(),
        d.capabilities().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).sorted().toList(),
        d.options().stream().map(ConsoleConnections::option).toList(),
        plugin,
        pluginVersion,
        bundled);
  }

  private static ConnectorOption option(ConfigOption o) {
    return new ConnectorOption(
        o.name(),
        o.label(),
        o.description(),
        ConnectorOption.Type.valueOf(o.type().name()),
        o.required(),
        o.defaultValue(),
        o.secret(),
        o.choices());
  }

  static ConnectionTestResult result(ConnectionCheck check) {
    return new ConnectionTestResult(
        check.summary(), check.sample().stream().map(ConsoleConnections::sample).toList());
  }

  private static ConnectionTestResult.Sample sample(SourceRecord r) {
    // Values may be null, which Map.copyOf refuses; keep the source's field order.
    Map<String, String> values = new LinkedHashMap<>();
    r.values().forEach((k, v) -> values.put(k, v == null ? null : v.toString()));
    return new ConnectionTestResult.Sample(
        r.origin(), Collections.unmodifiableMap(values), r.problem());
  }
}
