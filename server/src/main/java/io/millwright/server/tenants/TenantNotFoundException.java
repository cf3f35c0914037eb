package io.millwright.server.tenants;

/** No live tenant has this slug (or it is not visible in this operation). */
public class TenantNotFoundException extends RuntimeException {
  public TenantNotFoundException(String slug) {
    super("no tenant '" + slug + "'", null, false, false);
  }
}
