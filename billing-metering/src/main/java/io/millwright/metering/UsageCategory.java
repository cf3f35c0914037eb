package io.millwright.metering;

/**
 * The capability a usage event belongs to, which finance reports break usage down by. The names are
 * stored as text in the ledger, so renaming a constant is a data migration.
 */
public enum UsageCategory {
  TRAINING,
  INFERENCE,
  STORAGE,
  INGESTION,
  PLATFORM
}
