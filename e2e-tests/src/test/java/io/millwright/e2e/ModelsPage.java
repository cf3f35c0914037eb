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
    page.locator("#train-model-name input").fill(model);
    page.locator("#train-seed input").fill("7");
    page.locator("#train-start").click();
    page.locator("#run-status").waitFor();
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
