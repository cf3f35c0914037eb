package io.millwright.e2e;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

/**
 * The models pages: the "train a model" wizard, a run's live page, a model with its versions and
 * promotion.
 */
final class ModelsPage {

  private final Page page;

  ModelsPage(Page page) {
    this.page = page;
  }

  /** Fills the wizard (dataset, target, type, name, epochs) and starts; lands on the run page. */
  ModelsPage train(String dataset, String target, String typeId, String model, String epochs) {
    return train(dataset, target, typeId, model, epochs, java.util.Map.of());
  }

  /** As above, with more hyperparameters typed into their fields by name. */
  ModelsPage train(
      String dataset,
      String target,
      String typeId,
      String model,
      String epochs,
      java.util.Map<String, String> more) {
    page.locator("#train-model").click();
    page.locator("#train-model-view").waitFor();
    pick("#train-dataset", dataset);
    pick("#train-target", target);
    page.locator("#train-model-type").click();
    page.locator(
            "vaadin-select-item[role=option]",
            new Page.LocatorOptions().setHasText("(" + typeId + ")"))
        .click();
    page.locator("#hp-epochs input").fill(epochs);
    more.forEach((name, value) -> page.locator("#hp-" + name + " input").fill(value));
    page.locator("#train-model-name input").fill(model);
    page.locator("#train-seed input").fill("7");
    page.locator("#train-start").click();
    page.locator("#run-status").waitFor();
    // Vaadin draws the run page before it pushes the page's address into the history: wait for
    // the address too, so that a caller reading page.url() gets the run's, not the wizard's.
    page.waitForCondition(() -> page.url().contains("/models/runs/"));
    return this;
  }

  private void pick(String comboBox, String value) {
    page.locator(comboBox + " input").click();
    page.locator(comboBox + " input").fill(value);
    page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText(value))
        .first()
        .click();
  }

  /** Waits until the run page says the run ended, and returns how. */
  String awaitRunEnd() {
    page.locator(
            "#run-status[data-status='succeeded'], #run-status[data-status='failed'],"
                + " #run-status[data-status='cancelled']")
        .waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(180_000));
    return page.locator("#run-status").getAttribute("data-status");
  }

  int curvePoints() {
    page.locator("#run-curves svg polyline.curve").first().waitFor();
    return page.locator("#run-curves svg polyline.curve").count();
  }

  String metrics() {
    return page.locator("#run-metrics").textContent();
  }

  void openModel() {
    page.locator("#run-model").click();
    page.locator("#model-versions").waitFor();
  }

  /** Makes a version the champion through the confirmation dialog. */
  void promote(int version, String reason) {
    page.locator("#promote-" + version).click();
    page.locator("#promote-reason textarea, #promote-reason input").first().fill(reason);
    page.locator("#promote-confirm").click();
    page.locator("#model-champion[data-version='" + version + "']").waitFor();
    waitGone("vaadin-dialog-overlay");
  }

  /** Asks for a promotion that waits for a second approver; the page shows it waiting. */
  void requestPromotion(int version, String reason) {
    page.locator("#promote-" + version).click();
    page.locator("#promote-reason textarea, #promote-reason input").first().fill(reason);
    page.locator("#promote-confirm").click();
    page.locator("#pending-promotion[data-version='" + version + "']").waitFor();
    waitGone("vaadin-dialog-overlay");
  }

  /**
   * Ticks or clears "Require a second approver" (tenant admins) and waits for the page to say so.
   */
  void requireSecondApprover(boolean required) {
    if (page.locator("#model-second-approver input").isChecked() != required) {
      page.locator("#model-second-approver input").click();
    }
    page.waitForCondition(
        () -> page.locator("#model-policy").textContent().contains("second approver") == required);
  }

  boolean canApprove() {
    return page.locator("#promotion-approve").isEnabled();
  }

  void approve(int version) {
    page.locator("#promotion-approve").click();
    page.locator("#model-champion[data-version='" + version + "']").waitFor();
  }

  void rollBack() {
    page.locator("#model-rollback").click();
    page.locator(
            "vaadin-confirm-dialog-overlay vaadin-button[slot='confirm-button'],"
                + " vaadin-button[slot='confirm-button']")
        .first()
        .click();
    page.locator("#model-champion[data-version='']").waitFor();
  }

  /**
   * Cancels the run on its page if it is still queued or running (a short run may have ended by
   * now), and waits until the page says it has ended either way.
   */
  void cancelRunIfActive() {
    page.locator("#run-status").waitFor();
    String status = page.locator("#run-status").getAttribute("data-status");
    if ("queued".equals(status) || "running".equals(status)) {
      page.locator("#run-cancel").click();
    }
    page.locator(
            "#run-status[data-status='cancelled'], #run-status[data-status='succeeded'],"
                + " #run-status[data-status='failed']")
        .waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(60_000));
  }

  boolean showsPromoteButton(int version) {
    page.locator("#model-versions").waitFor();
    return page.locator("#promote-" + version).count() > 0;
  }

  void waitGone(String selector) {
    page.locator(selector)
        .waitFor(
            new com.microsoft.playwright.Locator.WaitForOptions()
                .setState(WaitForSelectorState.DETACHED));
  }
}
