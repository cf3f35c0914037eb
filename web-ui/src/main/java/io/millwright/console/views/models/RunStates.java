package io.millwright.console.views.models;

/**
 * The badge of a training run, the same on the list and on its page: queued, running, cancelling
 * (someone pressed Cancel and the run has not stopped yet), succeeded, failed or cancelled.
 */
final class RunStates {

  private RunStates() {}

  /**
   * @param key for tests and styles: the run's status, or {@code cancelling}
   * @param theme the Lumo badge theme
   */
  record Badge(String key, String label, String theme) {}

  static final Badge QUEUED = new Badge("queued", "Queued", "badge contrast");
  static final Badge RUNNING = new Badge("running", "Running", "badge");
  static final Badge CANCELLING = new Badge("cancelling", "Cancelling", "badge contrast");
  static final Badge SUCCEEDED = new Badge("succeeded", "Succeeded", "badge success");
  static final Badge FAILED = new Badge("failed", "Failed", "badge error");
  static final Badge CANCELLED = new Badge("cancelled", "Cancelled", "badge contrast");

  static Badge of(String status, boolean cancelRequested) {
    return switch (status) {
      case "queued" -> cancelRequested ? CANCELLING : QUEUED;
      case "running" -> cancelRequested ? CANCELLING : RUNNING;
      case "succeeded" -> SUCCEEDED;
      case "failed" -> FAILED;
      case "cancelled" -> CANCELLED;
      default -> new Badge(status, status, "badge contrast");
    };
  }

  /** Whether the run may still change: the page keeps polling. */
  static boolean active(String status) {
    return "queued".equals(status) || "running".equals(status);
  }
}
