package io.millwright.tenancy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a person may do inside one tenant. A person holds one or more roles per tenant. */
public enum TenantRole {
  TENANT_ADMIN("tenant-admin"),
  DATA_ENGINEER("data-engineer"),
  ANALYST("analyst"),
  FINANCE("finance"),
  AUDITOR("auditor");

  private final String wireName;

  TenantRole(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in the API, tokens and the database. */
  public String wireName() {
    return wireName;
  }

  public static Optional<TenantRole> fromWireName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(r -> r.wireName.equals(wanted)).findFirst();
  }
}
