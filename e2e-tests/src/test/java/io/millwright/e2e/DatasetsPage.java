package io.millwright.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.nio.file.Path;

/**
 * A tenant's datasets: the list, declaring a dataset from a sample file, uploading a file into it
 * (preview, then write) and one dataset's preview, versions, quality, lineage and quarantine
 * (correct, replay).
 */
final class DatasetsPage extends ConsolePage {

  DatasetsPage(Page page) {
    super(page);
    waitFor("#datasets-view");
  }

  /**
   * Declares a dataset whose columns are proposed from a sample file, with a primary key, and waits
   * for its page.
   */
  DatasetsPage createFromSample(String name, String description, Path sample, String... key) {
    page.locator("#new-dataset").click();
    waitFor("#new-dataset-view");
    page.locator("#infer-file input[type=file]").setInputFiles(sample);
    page.locator("#infer-status:has-text('Proposed')").waitFor();
    waitFor("#column-name-0");
    page.locator("#dataset-name-field input").fill(name);
    page.locator("#dataset-description-field textarea").fill(description);
    if (key.length > 0) {
      page.locator("#dataset-primary-key-field input").click();
      for (String column : key) {
        page.locator(
                "vaadin-multi-select-combo-box-item", new Page.LocatorOptions().setHasText(column))
            .first()
            .click();
      }
      page.keyboard().press("Escape");
    }
    page.locator("#create-dataset").click();
    page.locator("#dataset-name:has-text('" + name + "')").waitFor();
    return this;
  }

  /** On a dataset's page: uploads a file, waits for its preview, writes it, waits for counts. */
  DatasetsPage uploadAndWrite(Path file) {
    page.locator("#dataset-upload").click();
    waitFor("#dataset-upload-view");
    page.locator("#upload-file input[type=file]").setInputFiles(file);
    waitFor("#upload-preview-grid");
    page.locator("#upload-write:not([disabled])").click();
    waitFor("#result-written");
    return this;
  }

  long rowsRead() {
    return count("#result-read");
  }

  long rowsWritten() {
    return count("#result-written");
  }

  long rowsQuarantined() {
    return count("#result-quarantined");
  }

  long rowsDeduplicated() {
    return count("#result-deduplicated");
  }

  /** From the upload's result back to the dataset's page. */
  DatasetsPage openWrittenDataset() {
    page.locator("#result-open-dataset").click();
    waitFor("#dataset-view");
    return this;
  }

  /** On a dataset's page: the Preview section's summary line, once rows are shown. */
  String previewInfo() {
    page.locator("#tab-preview").click();
    page.locator("#preview-info:has-text('rows of version')").waitFor();
    return page.locator("#preview-info").textContent();
  }

  /** Whether a value is among the preview rows on screen. */
  boolean previewShows(String value) {
    page.locator(
            "#dataset-preview-grid vaadin-grid-cell-content",
            new Page.LocatorOptions().setHasText(value))
        .first()
        .waitFor();
    return true;
  }

  /** On a dataset's page: the Versions section's count line, e.g. "1 version." */
  String versionsCount() {
    page.locator("#tab-versions").click();
    waitFor("#versions-count");
    return page.locator("#versions-count").textContent();
  }

  /** From the list, opens one dataset's page. */
  DatasetsPage open(String name) {
    page.locator(
            "#datasets-grid vaadin-grid-cell-content", new Page.LocatorOptions().setHasText(name))
        .first()
        .click();
    page.locator("#dataset-name:has-text('" + name + "')").waitFor();
    return this;
  }

  /** On a dataset's page: the Quarantine section, with the number of open rows. */
  long openQuarantine() {
    page.locator("#tab-quarantine").click();
    return count("#quarantine-open");
  }

  /**
   * In the Quarantine section: opens the editor of the row whose uploaded values contain a text,
   * sets one cell and keeps the change (which selects the row).
   */
  DatasetsPage correctQuarantinedRow(String uploadedText, String column, String value) {
    page.locator("#tab-quarantine").click();
    page.locator(".quarantine-edit-row[data-raw*='" + uploadedText + "']").first().click();
    waitFor("#quarantine-editor-save");
    page.locator("#quarantine-cell-" + column + " input").fill(value);
    page.locator("#quarantine-editor-save").click();
    page.locator("#quarantine-editor-save")
        .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
    return this;
  }

  /** Replays the selected quarantined rows and waits for the outcome. */
  DatasetsPage replaySelected() {
    page.locator("#quarantine-replay:not([disabled])").click();
    waitFor("#replay-result");
    return this;
  }

  long replayWritten() {
    return count("#replay-written");
  }

  long replayQuarantined() {
    return count("#replay-quarantined");
  }

  /** On a dataset's page: the Quality section's row count for the version shown. */
  long qualityRows() {
    page.locator("#tab-quality").click();
    waitFor("#dataset-quality");
    return count("#quality-rows");
  }

  /** Whether the Quality section lists a column with its null rate. */
  boolean qualityShowsNullRateOf(String column) {
    page.locator(
            "#quality-grid vaadin-grid-cell-content", new Page.LocatorOptions().setHasText(column))
        .first()
        .waitFor();
    waitFor("#quality-grid .null-rate");
    return true;
  }

  /** On a dataset's page: the Lineage section, once its picture has loaded. */
  boolean lineagePictureShown() {
    page.locator("#tab-lineage").click();
    waitFor("#lineage-picture");
    // The picture is an SVG data URI: it has a width only if the browser could draw it.
    page.waitForFunction(
        "() => { const i = document.querySelector('#lineage-picture');"
            + " return i && i.complete && i.naturalWidth > 0; }");
    return true;
  }

  boolean lists(String name) {
    page.locator(
            "#datasets-grid vaadin-grid-cell-content", new Page.LocatorOptions().setHasText(name))
        .first()
        .waitFor();
    return true;
  }

  private long count(String selector) {
    waitFor(selector);
    return Long.parseLong(page.locator(selector).textContent().trim());
  }
}
