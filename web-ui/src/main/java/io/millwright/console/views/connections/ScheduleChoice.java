package io.millwright.console.views.connections;

import io.millwright.console.ports.ConnectorInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The schedules a connector allows and how each is written for the platform: a polling connector
 * runs every N minutes, at the times of a cron expression, or only when asked; a streaming one runs
 * continuously; a push one waits for senders.
 */
enum ScheduleChoice {
  EVERY("Every N minutes"),
  CRON("At set times (cron), e.g. weekdays at 06:00"),
  MANUAL("Manual: only when someone presses Run now"),
  STREAM("Stream: continuously, as records arrive"),
  PUSH("Push: whenever a sender delivers");

  static final int DEFAULT_MINUTES = 15;

  /** Weekdays at 06:00 UTC: a morning refresh before people start work. */
  static final String DEFAULT_CRON = "0 6 * * 1-5";

  private final String label;

  ScheduleChoice(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /** Only what the connector's capabilities allow, polled first. */
  static List<ScheduleChoice> allowed(ConnectorInfo connector) {
    List<ScheduleChoice> allowed = new ArrayList<>();
    if (connector.can(ConnectorInfo.POLL)) {
      allowed.add(EVERY);
      allowed.add(CRON);
      allowed.add(MANUAL);
    }
    if (connector.can(ConnectorInfo.STREAM)) {
      allowed.add(STREAM);
    }
    if (connector.can(ConnectorInfo.PUSH)) {
      allowed.add(PUSH);
    }
    return allowed;
  }

  /**
   * The schedule as the platform reads it, e.g. {@code every 15m}; null when none is chosen (the
   * platform then names the field).
   */
  static String text(ScheduleChoice choice, Integer minutes, String cron) {
    if (choice == null) {
      return null;
    }
    return switch (choice) {
      case EVERY -> "every " + (minutes == null ? DEFAULT_MINUTES : minutes) + "m";
      case CRON -> "cron " + (cron == null || cron.isBlank() ? DEFAULT_CRON : cron.strip());
      case MANUAL -> "manual";
      case STREAM -> "stream";
      case PUSH -> "push";
    };
  }

  /** Whether a connection on this schedule has runs someone can start. */
  static boolean runnable(String scheduleText) {
    return scheduleText != null
        && (scheduleText.equals("manual")
            || scheduleText.startsWith("every ")
            || scheduleText.startsWith("cron "));
  }
}
