package io.millwright.e2e;

import com.microsoft.playwright.Page;
import java.util.List;

/** A tenant's usage page: period, chart, table. */
final class UsagePage extends ConsolePage {

  UsagePage(Page page) {
    super(page);
    waitFor("#usage-chart-image");
  }

  /** Re-reads the period until usage is there (at most two minutes); returns the table rows. */
  int waitForUsage(String meter) {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<String> cells = page.locator("vaadin-grid-cell-content").allTextContents();
      long rows = cells.stream().filter(text -> text.trim().equals(meter)).count();
      if (rows > 0) {
        return (int) rows;
      }
      page.locator("#usage-apply").click();
      page.waitForTimeout(2_000); // polling a figure the server writes once a minute
    }
    return 0;
  }
}
