package io.millwright.console.views.datasets;

import io.millwright.console.ports.TransformRow;
import io.millwright.console.ports.TransformRunOutcome;
import java.util.Locale;

/** How the transforms page words runs, plans and pauses. */
final class TransformText {

  /** The schedule forms the platform takes, for the field's hint. */
  static final String SCHEDULE_FORMS =
      "manual · every 15m · every 1h · every 1d · cron 0 6 * * 1-5 Europe/Berlin (minute hour day"
          + " month weekday, then an optional time zone; UTC otherwise). Empty means manual.";

  private TransformText() {}

  /**
   * The last run in one line, e.g. {@code succeeded 2026-11-01 08:00:03 UTC · 120 rows written ·
   * version 7} or {@code failed 2026-11-01 08:00:03 UTC: no such table}.
   */
  static String lastRun(TransformRow.LastRun run) {
    if (run == null) {
      return "never run";
    }
    String when = DatasetText.utc(run.at()) + " UTC";
    String message = run.message() == null || run.message().isBlank() ? null : run.message();
    if ("failed".equals(run.status())) {
      return "failed " + when + (message == null ? "" : ": " + message);
    }
    return run.status()
        + " "
        + when
        + (message == null ? "" : " · " + message)
        + (run.version() == null ? "" : " · version " + run.version());
  }

  /** When the schedule runs it next; empty when only a person runs it. */
  static String nextRun(TransformRow t) {
    if (t.paused()) {
      return "none while paused";
    }
    if (!t.scheduled() || t.nextRunAt() == null) {
      return "";
    }
    return DatasetText.utc(t.nextRunAt()) + " UTC";
  }

  /**
   * The paused badge: the platform's reason as a sentence that starts with Paused, e.g. {@code
   * Paused after 3 failed runs in a row; the last said: …}.
   */
  static String paused(String reason) {
    if (reason == null || reason.isBlank()) {
      return "Paused";
    }
    String r = reason.strip();
    if (r.toLowerCase(Locale.ROOT).startsWith("paused ")) {
      return "Paused" + r.substring(6);
    }
    return "Paused: " + r;
  }

  /** What a run did, e.g. {@code Wrote 120 rows into daily_sales as version 7.} */
  static String outcome(String name, TransformRunOutcome o) {
    String into = o.target() == null || o.target().isBlank() ? "its target" : o.target();
    StringBuilder s = new StringBuilder(name).append(" ran: ");
    if (o.version() == null && o.rowsWritten() == 0) {
      s.append("nothing was written into ").append(into);
    } else {
      s.append("wrote ").append(DatasetText.rows(o.rowsWritten())).append(" into ").append(into);
      if (o.version() != null) {
        s.append(" as version ").append(o.version());
      }
    }
    if (o.rowsQuarantined() > 0) {
      s.append("; ").append(DatasetText.rows(o.rowsQuarantined())).append(" went to quarantine");
    }
    return s.append('.').toString();
  }
}
