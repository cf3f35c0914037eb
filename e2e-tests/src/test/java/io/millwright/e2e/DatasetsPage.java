package io.millwright.e2e;

import com.microsoft.playwright.Page;
import java.nio.file.Path;

/**
 * A tenant's datasets: the list, declaring a dataset from a sample file, uploading a file into it
 * (preview, then write) and one dataset's preview and versions.
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
