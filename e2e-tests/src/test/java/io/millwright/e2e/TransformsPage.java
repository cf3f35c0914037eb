package io.millwright.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

/** The transforms page: define a transform, read a field's refusal, watch its runs land. */
final class TransformsPage extends ConsolePage {

  TransformsPage(Page page) {
    super(page);
    waitFor("#transforms-view");
  }

  /** The query the editor holds (e.g. carried over from the SQL workbench). */
  String query() {
    waitFor("#transform-query");
    return page.locator("#transform-query textarea").inputValue();
  }

  TransformsPage fill(String name, String target, String schedule) {
    page.locator("#transform-name input").fill(name);
    page.locator("#transform-target input").fill(target);
    page.locator("#transform-schedule input").fill(schedule);
    return this;
  }

  TransformsPage schedule(String schedule) {
    page.locator("#transform-schedule input").fill(schedule);
    return this;
  }

  TransformsPage save() {
    page.locator("#transform-save").click();
    return this;
  }

  /** The schedule field's error message, once the server has refused it. */
  String scheduleError() {
    page.locator("#transform-schedule[invalid]").waitFor();
    return page.locator("#transform-schedule [slot='error-message']").textContent().trim();
  }

  /** Waits until the last run shown has this status (the page polls while a schedule runs). */
  String awaitLastRun(String status) {
    Locator last = page.locator("#transform-last-run[data-status='" + status + "']");
    last.waitFor(
        new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE).setTimeout(60_000));
    return last.textContent().trim();
  }

  /** Waits until the list shows the transform in this state (paused, scheduled or manual). */
  TransformsPage awaitState(String name, String state) {
    page.locator(".transform-state[data-transform='" + name + "'][data-state='" + state + "']")
        .first()
        .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
    return this;
  }
}
