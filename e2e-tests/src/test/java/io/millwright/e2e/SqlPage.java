package io.millwright.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.ArrayList;
import java.util.List;

/** The SQL workbench: write a query, run it, read its rows and status line or its refusal. */
final class SqlPage extends ConsolePage {

  /**
   * The rendered body rows of the results grid in row order, each as its cells' text, or null while
   * rows are still loading. Vaadin's grid renders rows in its shadow DOM and projects the cell
   * texts through slots, in an order that need not be the row order.
   */
  private static final String RENDERED_ROWS =
      """
      () => {
        const grid = document.querySelector('#sql-results');
        if (!grid || !grid.shadowRoot || typeof grid.size !== 'number') return null;
        const rows = [...grid.shadowRoot.querySelectorAll('#items tr')].filter(r => !r.hidden);
        if (rows.length < Math.min(grid.size, 5) || rows.some(r => r.hasAttribute('loading'))) {
          return null;
        }
        const index = r => Number(r.getAttribute('aria-rowindex'));
        return rows.sort((a, b) => index(a) - index(b)).map(r =>
          [...r.querySelectorAll('td')].map(td => {
            const slot = td.querySelector('slot');
            const content = slot ? slot.assignedElements()[0] : null;
            return content ? content.textContent.trim() : '';
          }));
      }
      """;

  SqlPage(Page page) {
    super(page);
    waitFor("#sql-editor");
  }

  /** Replaces the query, presses Run and waits until the page has answered it. */
  SqlPage run(String sql) {
    int answered = answered();
    editor().fill(sql);
    page.locator("#sql-run").click();
    return awaitAnswer(answered + 1);
  }

  /** As {@link #run}, but runs the query with Ctrl+Enter from inside the editor. */
  SqlPage runWithKeyboard(String sql) {
    int answered = answered();
    editor().fill(sql);
    editor().press("Control+Enter");
    return awaitAnswer(answered + 1);
  }

  /** The line under the answer, e.g. "3 rows · 41 ms · < 0.01 MB scanned · meter_readings …". */
  String status() {
    return page.locator("#sql-status").textContent().trim();
  }

  /** The refusal shown under the editor; waits for it. */
  String error() {
    waitFor("#sql-error");
    return page.locator("#sql-error").textContent().trim();
  }

  boolean showsError() {
    return page.locator("#sql-error").isVisible();
  }

  /** The answer's rows as the grid shows them, top to bottom (the first screenful at most). */
  List<List<String>> rows() {
    waitFor("#sql-results");
    Object rendered = page.waitForFunction(RENDERED_ROWS).jsonValue();
    List<List<String>> rows = new ArrayList<>();
    for (Object row : (List<?>) rendered) {
      rows.add(((List<?>) row).stream().map(String::valueOf).toList());
    }
    return rows;
  }

  private Locator editor() {
    return page.locator("#sql-editor textarea");
  }

  private int answered() {
    return Integer.parseInt(page.locator("#sql-status").getAttribute("data-run"));
  }

  /** The page counts answered runs on the status line; wait for this one, not for a time. */
  private SqlPage awaitAnswer(int run) {
    page.locator("#sql-status[data-run='" + run + "']")
        .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
    return this;
  }
}
