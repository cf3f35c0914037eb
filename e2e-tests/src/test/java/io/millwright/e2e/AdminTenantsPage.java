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
    return page.locator("#created-password input").inputValue();
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

  /** Narrows the list with the search box (the grid renders only the rows in view). */
  void search(String text) {
    page.locator("#tenant-search input").fill(text);
    page.locator("#tenant-search input").press("Enter");
  }

  boolean lists(String slug) {
    search(slug);
    row(slug).waitFor();
    return true;
  }

  TenantDetailPage open(String slug) {
    search(slug);
    row(slug).click();
    return new TenantDetailPage(page);
  }

  private com.microsoft.playwright.Locator row(String slug) {
    return page.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText(slug))
        .first();
  }
}
