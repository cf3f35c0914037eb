package io.millwright.tenancy;

import java.util.Objects;
import java.util.UUID;

/**
 * The stable identity of a tenant. It leads every primary key of tenant data and travels explicitly
 * through method signatures, job payloads, audit entries and usage events.
 *
 * <p>{@link #PLATFORM} is reserved for the platform's own records (for example the audit chain of
 * platform-level events that belong to no tenant); no tenant ever gets it.
 */
public record TenantId(UUID value) {

  /** The platform itself, owner of events that belong to no tenant. */
  public static final TenantId PLATFORM = new TenantId(new UUID(0L, 0L));

  public TenantId {
    Objects.requireNonNull(value, "value");
  }

  public static TenantId random() {
    return new TenantId(UUID.randomUUID());
  }

  /**
   * Parses the canonical UUID form.
   *
   * @throws IllegalArgumentException if the text is not a UUID
   */
  public static TenantId parse(String text) {
    return new TenantId(UUID.fromString(text));
  }

  public boolean isPlatform() {
    return PLATFORM.equals(this);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
