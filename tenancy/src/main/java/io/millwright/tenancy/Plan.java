package io.millwright.tenancy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A commercial plan, which sets a tenant's default quotas. */
public enum Plan {
  STARTER(new Quotas(0, 0, 10, 600)),
  BUSINESS(new Quotas(1, 20, 100, 3_000)),
  ENTERPRISE(new Quotas(4, 200, 1_000, 12_000));

  private final Quotas defaults;

  Plan(Quotas defaults) {
    this.defaults = defaults;
  }

  public Quotas defaultQuotas() {
    return defaults;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Plan> fromWireName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return Arrays.stream(values())
        .filter(p -> p.wireName().equals(name.trim().toLowerCase(Locale.ROOT)))
        .findFirst();
  }
}
