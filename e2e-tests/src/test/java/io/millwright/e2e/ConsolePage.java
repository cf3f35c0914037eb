package io.millwright.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;

/** What every console page has: navigation, the signed-in name, sign-out. */
class ConsolePage {

  protected final Page page;

  ConsolePage(Page page) {
    this.page = page;
  }

  static ConsolePage open(Page page, String path) {
    page.navigate(Browser.BASE_URL + "/" + path);
    return new ConsolePage(page);
  }

  Locator nav(String id) {
    return page.locator("#" + id);
  }

  boolean hasNav(String id) {
    return page.locator("#" + id).count() > 0;
  }

  void waitFor(String selector) {
    page.locator(selector)
        .first()
        .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
  }

  /** Chooses another tenant in the switcher at the top. */
  void switchTo(String tenantName) {
    page.locator("#tenant-switcher").click();
    page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText(tenantName))
        .first()
        .click();
  }

  void signOut() {
    page.locator("#sign-out").click();
    page.waitForURL(url -> url.contains("/realms/") || url.contains("/login"));
  }
}
