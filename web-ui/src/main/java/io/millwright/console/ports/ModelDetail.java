package io.millwright.console.ports;

import java.time.Instant;
import java.util.List;

/**
 * One model with its versions, newest first.
 *
 * @param primaryMetric the metric its task is judged by, e.g. {@code rmse}
 * @param higherIsBetter whether a larger primary metric is better
 * @param champion the version that serves, or null
 * @param challenger the newest version that beat the naive baseline, or null
 * @param previousChampion the champion a rollback would put back, or null (no champion after it)
 * @param secondApprover whether a promotion waits for a second person's approval
 * @param promotionRequests the model's recent promotion requests, newest first
 */
public record ModelDetail(
    String name,
    String task,
    String primaryMetric,
    boolean higherIsBetter,
    int latestVersion,
    Integer champion,
    Integer challenger,
    Integer previousChampion,
    Instant createdAt,
    String createdBy,
    List<ModelVersionRow> versions,
    boolean secondApprover,
    List<PromotionRequestRow> promotionRequests) {

  /** The request waiting for approval, or null. */
  public PromotionRequestRow pendingPromotion() {
    return promotionRequests.stream().filter(PromotionRequestRow::pending).findFirst().orElse(null);
  }
}
