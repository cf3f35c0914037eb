package io.millwright.e2e;

import com.microsoft.playwright.Page;

/** The platform admin's page of one tenant, with its lifecycle actions. */
final class TenantDetailPage extends ConsolePage {

  TenantDetailPage(Page page) {
    super(page);
    waitFor("#tenant-status");
  }

  String status() {
    return page.locator("#tenant-status").textContent();
  }

  /** Suspends after confirming in the dialog; returns the status line afterwards. */
  String suspend() {
    page.locator("#suspend-tenant").click();
    page.locator(
            "vaadin-confirm-dialog-overlay vaadin-button[slot='confirm-button'],"
                + " vaadin-button[slot='confirm-button']")
        .first()
        .click();
    page.locator("#tenant-status:has-text('suspended')").waitFor();
    return status();
  }

  String resume() {
    page.locator("#resume-tenant").click();
    page.locator("#tenant-status:has-text('active')").waitFor();
    return status();
  }
}
