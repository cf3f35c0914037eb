package io.millwright.tenancy;

/**
 * The limits a tenant works within. Enforcement arrives with the capabilities that consume each
 * resource (training for GPUs, datasets for storage); the values live here from day one so that
 * plans and admin overrides have one home.
 *
 * @param gpuConcurrency GPU jobs that may run at once
 * @param gpuHoursPerMonth GPU hours per calendar month
 * @param storageGb dataset storage, in GiB
 * @param apiRequestsPerMinute REST requests per minute across the tenant
 */
public record Quotas(
    int gpuConcurrency, int gpuHoursPerMonth, int storageGb, int apiRequestsPerMinute) {

  public Quotas {
    requireNonNegative("gpuConcurrency", gpuConcurrency);
    requireNonNegative("gpuHoursPerMonth", gpuHoursPerMonth);
    requireNonNegative("storageGb", storageGb);
    requireNonNegative("apiRequestsPerMinute", apiRequestsPerMinute);
  }

  private static void requireNonNegative(String name, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must be zero or more, was " + value);
    }
  }
}
