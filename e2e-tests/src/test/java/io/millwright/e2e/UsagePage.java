package io.millwright.e2e;

import com.microsoft.playwright.Page;

/** A tenant's usage page: period, chart, table. */
final class UsagePage extends ConsolePage {

  UsagePage(Page page) {
    super(page);
    waitFor("#usage-chart-image");
  }

  /** Re-reads the period until usage is there (at most two minutes); returns the table rows. */
  int waitForBars() {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      int bars = page.locator("#usage-chart svg rect").count();
      if (bars > 0
          && page.locator(
                      "#usage-table vaadin-grid-cell-content",
                      new Page.LocatorOptions().setHasText("api.requests"))
                  .count()
              > 0) {
        return bars;
      }
      page.locator("#usage-apply").click();
      page.waitForTimeout(2_000); // polling a page the server updates once a minute
    }
    return 0;
  }
}
