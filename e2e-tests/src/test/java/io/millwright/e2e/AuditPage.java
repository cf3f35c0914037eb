package io.millwright.e2e;

import com.microsoft.playwright.Page;

/** A tenant's audit trail page. */
final class AuditPage extends ConsolePage {

  AuditPage(Page page) {
    super(page);
    waitFor("#audit-grid");
  }

  boolean shows(String action) {
    page.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText(action))
        .first()
        .waitFor();
    return true;
  }

  String verifyChain() {
    page.locator("#verify-chain").click();
    page.locator("#chain-verdict:has-text('Chain')").waitFor();
    return page.locator("#chain-verdict").textContent();
  }

  String csvLink() {
    return page.locator("#audit-csv").getAttribute("href");
  }
}
