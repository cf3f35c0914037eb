package io.millwright.server.console;

import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.SqlAnswer;
import io.millwright.console.ports.SqlTable;
import io.millwright.console.ports.TenantSql;
import io.millwright.server.datasets.Column;
import io.millwright.server.datasets.Dataset;
import io.millwright.server.datasets.DatasetQueries;
import io.millwright.server.datasets.Datasets;
import io.millwright.server.security.TenantAccess;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The console's SQL workbench: the same sandboxed queries, gate, metering and PII masking as {@code
 * POST /api/tenants/{slug}/sql}.
 */
@ApplicationScoped
public class ConsoleSql implements TenantSql {

  private static final TenantRole[] ASKERS = TenantSql.ROLES.toArray(TenantRole[]::new);

  /** The most rows one answer carries, as for the API. */
  static final int MAX_ROWS = 10_000;

  @Inject ConsoleCalls calls;
  @Inject Datasets datasets;
  @Inject DatasetQueries queries;

  @Override
  public List<SqlTable> tables(String slug) {
    TenantAccess tenant = calls.tenant(slug, "list sql tables", ASKERS);
    return ConsoleCalls.readable(
        () ->
            datasets.list(tenant.tenantId()).stream()
                .sorted(Comparator.comparing(Dataset::name))
                .map(
                    d ->
                        new SqlTable(
                            d.name(),
                            d.contract().columns().stream().map(ConsoleDatasets::column).toList()))
                .toList());
  }

  @Override
  public SqlAnswer query(String slug, String sql, int maxRows) {
    TenantAccess tenant = calls.tenant(slug, "run sql", ASKERS);
    if (sql == null || sql.isBlank()) {
      throw new ConsoleException("Write a query to run.", Map.of("sql", "write a query"));
    }
    // Who sees PII is decided as for dataset previews, so SQL never shows more than a preview.
    boolean masked = !tenant.holdsAny(Datasets.WRITERS);
    int bounded = Math.max(1, Math.min(maxRows, MAX_ROWS));
    long started = System.nanoTime();
    DatasetQueries.Answer answer =
        ConsoleCalls.readable(
            () -> queries.query(tenant.tenantId(), sql, Map.of(), bounded, masked));
    long elapsedMs = (System.nanoTime() - started) / 1_000_000;
    List<List<String>> rows = new ArrayList<>(answer.result().rows().size());
    for (List<Object> row : answer.result().rows()) {
      List<String> text = new ArrayList<>(row.size());
      row.forEach(v -> text.add(text(v)));
      rows.add(Collections.unmodifiableList(text));
    }
    return new SqlAnswer(
        answer.result().columns(),
        answer.result().types(),
        rows,
        answer.result().truncated(),
        // A dataset without rows is read at no version: a null value, which Map.copyOf refuses.
        Collections.unmodifiableMap(new LinkedHashMap<>(answer.versions())),
        answer.bytesScanned(),
        elapsedMs,
        masked && readsPii(tenant, answer.versions().keySet()));
  }

  private boolean readsPii(TenantAccess tenant, Set<String> read) {
    return datasets.list(tenant.tenantId()).stream()
        .filter(d -> read.contains(d.name()))
        .anyMatch(d -> d.contract().columns().stream().anyMatch(Column::pii));
  }

  /** A value as people read it: decimals in plain notation, never 1.25E+3. */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return String.valueOf(value);
  }
}
