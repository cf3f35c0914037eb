package io.millwright.console.views.shell;

import io.millwright.tenancy.Quotas;

/** Quotas in words, the same on every page that shows them. */
public final class QuotaText {

  private QuotaText() {}

  public static String describe(Quotas q) {
    return q.gpuConcurrency()
        + " GPU jobs at once, "
        + q.gpuHoursPerMonth()
        + " GPU hours a month, "
        + q.storageGb()
        + " GiB storage, "
        + q.apiRequestsPerMinute()
        + " API requests a minute";
  }
}
