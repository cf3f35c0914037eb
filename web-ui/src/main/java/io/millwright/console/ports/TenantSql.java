package io.millwright.console.ports;

import io.millwright.tenancy.TenantRole;
import java.util.List;
import java.util.Set;

/**
 * Read-only SQL (DuckDB dialect) over a tenant's datasets, for the roles the SQL API admits. PII
 * columns read as {@code •••} for those who may not write datasets. Refusals, unknown versions and
 * queries the sandbox will not run arrive as {@link ConsoleException} with a readable message.
 */
public interface TenantSql {

  /** Who may query: the same roles as {@code POST /api/tenants/{slug}/sql}. */
  Set<TenantRole> ROLES =
      Set.of(TenantRole.ANALYST, TenantRole.DATA_ENGINEER, TenantRole.TENANT_ADMIN);

  /** The tenant's datasets as tables a query can name, with their declared columns, by name. */
  List<SqlTable> tables(String slug);

  /**
   * Runs one query, each dataset it names at its current version.
   *
   * @param maxRows how many rows to return at most; {@link SqlAnswer#truncated()} says if there
   *     were more
   */
  SqlAnswer query(String slug, String sql, int maxRows);
}
