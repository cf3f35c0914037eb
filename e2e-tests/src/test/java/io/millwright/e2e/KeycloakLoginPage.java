package io.millwright.e2e;

import com.microsoft.playwright.Page;

/** Keycloak's own sign-in pages, as a person meets them. */
final class KeycloakLoginPage {

  private final Page page;

  KeycloakLoginPage(Page page) {
    this.page = page;
  }

  /**
   * Signs in. With Organizations enabled Keycloak asks for the user name first and the password on
   * a second page (identity-first); both layouts are handled.
   */
  KeycloakLoginPage signIn(String user, String password) {
    page.locator("#username").fill(user);
    if (page.locator("#password").count() == 0) {
      page.locator("#kc-login").click();
    }
    page.locator("#password").fill(password);
    page.locator("#kc-login").click();
    return this;
  }

  /** The first sign-in with an invitation credential asks for a password of one's own. */
  void chooseNewPassword(String password) {
    page.locator("#password-new").fill(password);
    page.locator("#password-confirm").fill(password);
    page.locator("input[type=submit], button[type=submit]").first().click();
  }
}
