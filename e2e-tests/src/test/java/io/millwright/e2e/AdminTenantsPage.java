package io.millwright.e2e;

import com.microsoft.playwright.Page;

/** The platform admin's tenants list and create form. */
final class AdminTenantsPage extends ConsolePage {

  AdminTenantsPage(Page page) {
    super(page);
    waitFor("#new-tenant");
  }

  AdminTenantsPage openCreateForm() {
    page.locator("#new-tenant").click();
    waitFor("#create-slug");
    return this;
  }

  AdminTenantsPage fill(String slug, String name, String email) {
    page.locator("#create-slug input").fill(slug);
    page.locator("#create-name input").fill(name);
    page.locator("#create-admin-email input").fill(email);
    return this;
  }

  void submit() {
    page.locator("#create-submit").click();
  }

  /** The error shown under the slug field. */
  String slugError() {
    page.locator("#create-slug[invalid]").waitFor();
    return page.locator("#create-slug [slot='error-message']").textContent();
  }

  /** After a successful creation: the first admin's one-time password. */
  String createdPassword() {
    waitFor("#created-password");
    String password = page.locator("#created-password input").inputValue();
    return password;
  }

  /** After creating a tenant whose first admin already had an account: no password shown. */
  boolean createdWithoutPassword() {
    waitFor("#created-done");
    boolean none = page.locator("#created-password").count() == 0;
    page.locator("#created-done").click();
    return none;
  }

  void closeCreatedDialog() {
    page.locator("#created-done").click();
  }

  TenantDetailPage open(String slug) {
    page.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText(slug))
        .first()
        .click();
    return new TenantDetailPage(page);
  }

  boolean lists(String slug) {
    page.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText(slug))
        .first()
        .waitFor();
    return true;
  }
}
