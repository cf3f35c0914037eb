package io.millwright.e2e;

import com.microsoft.playwright.Page;

/** A tenant's members page. */
final class MembersPage extends ConsolePage {

  MembersPage(Page page) {
    super(page);
    waitFor("#members-grid");
  }

  /** Invites a person with one role and returns their one-time password. */
  String invite(String email, String role) {
    page.locator("#invite-email input").fill(email);
    page.locator("#invite-roles input").click();
    page.locator("vaadin-multi-select-combo-box-item", new Page.LocatorOptions().setHasText(role))
        .first()
        .click();
    page.keyboard().press("Escape");
    page.locator("#invite-button").click();
    waitFor("#invitation-password");
    String password = page.locator("#invitation-password input").inputValue();
    page.locator("#invitation-done").click();
    return password;
  }

  boolean lists(String email) {
    page.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText(email))
        .first()
        .waitFor();
    return true;
  }
}
