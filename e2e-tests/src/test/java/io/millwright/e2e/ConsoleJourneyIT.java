package io.millwright.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's main journey, in a real browser against the real platform: a platform admin makes a
 * tenant, its admin invites people, an analyst is refused what is not theirs, an auditor checks the
 * trail. Each step is a test in order; later steps need the earlier ones.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(FailureScreenshots.class)
class ConsoleJourneyIT {

  static final String RUN = UUID.randomUUID().toString().substring(0, 6);
  static final String SLUG = "acme-" + RUN;
  static final String ADMIN_EMAIL = "admin@" + SLUG + ".example.com";
  static final String ANALYST_EMAIL = "analyst@" + SLUG + ".example.com";
  static final String AUDITOR_EMAIL = "auditor@" + SLUG + ".example.com";
  static final String NEW_PASSWORD = "Journey-" + RUN + "-Passw0rd";

  static Browser browser;
  static String adminPassword;
  static String analystPassword;
  static String auditorPassword;

  @BeforeAll
  static void startBrowser() {
    browser = new Browser();
  }

  @AfterAll
  static void stopBrowser() {
    browser.close();
  }

  @Test
  @Order(1)
  void platformAdminCreatesATenantAfterABadSlug() {
    Page page = browser.newPerson(1280, 800);
    ConsolePage.open(page, "");
    new KeycloakLoginPage(page).signIn("admin", Secrets.platformAdminPassword());
    page.waitForURL(url -> url.contains("/admin/tenants"));
    AdminTenantsPage tenants = new AdminTenantsPage(page);
    Screenshots.take(page, "admin-tenants");

    tenants.openCreateForm().fill("Bad Slug!", "Acme Farms", ADMIN_EMAIL).submit();
    assertThat(tenants.slugError()).contains("3 to 40 characters");
    Screenshots.take(page, "create-tenant-error");

    tenants.fill(SLUG, "Acme Farms " + RUN, ADMIN_EMAIL).submit();
    adminPassword = tenants.createdPassword();
    assertThat(adminPassword).hasSizeGreaterThanOrEqualTo(16);
    tenants.closeCreatedDialog();
    assertThat(tenants.lists(SLUG)).isTrue();

    TenantDetailPage detail = tenants.open(SLUG);
    assertThat(detail.status()).contains("active");
    assertThat(page.locator("#tenant-members").textContent()).contains(ADMIN_EMAIL);
    Screenshots.take(page, "tenant-detail");
    assertThat(detail.suspend()).contains("suspended");
    assertThat(detail.resume()).contains("active");
    tenants.signOut();
    page.context().close();
  }

  @Test
  @Order(2)
  void tenantAdminSignsInWithTheInvitationAndInvitesPeople() {
    Page page = browser.newPerson(1280, 800);
    ConsolePage.open(page, "");
    KeycloakLoginPage login = new KeycloakLoginPage(page).signIn(ADMIN_EMAIL, adminPassword);
    login.chooseNewPassword(NEW_PASSWORD);
    page.waitForURL(url -> url.contains("/t/" + SLUG));
    ConsolePage home = new ConsolePage(page);
    home.waitFor("#members-card");
    assertThat(page.locator("#members-card").textContent()).contains("Invite people");
    Screenshots.take(page, "tenant-home");

    home.nav("nav-members").click();
    MembersPage members = new MembersPage(page);
    analystPassword = members.invite(ANALYST_EMAIL, "analyst");
    auditorPassword = members.invite(AUDITOR_EMAIL, "auditor");
    assertThat(members.lists(ANALYST_EMAIL)).isTrue();
    assertThat(members.lists(AUDITOR_EMAIL)).isTrue();
    Screenshots.take(page, "members");

    home.signOut();
    page.context().close();
  }

  @Test
  @Order(3)
  void analystSeesNoAdminNavigationAndIsRefusedByUrl() {
    Page page = browser.newPerson(390, 844);
    ConsolePage.open(page, "");
    new KeycloakLoginPage(page)
        .signIn(ANALYST_EMAIL, analystPassword)
        .chooseNewPassword(NEW_PASSWORD);
    page.waitForURL(url -> url.contains("/t/" + SLUG));
    ConsolePage home = new ConsolePage(page);
    home.waitFor("#tenant-home");
    assertThat(home.hasNav("nav-admin-tenants")).isFalse();
    assertThat(home.hasNav("nav-members")).isFalse();
    assertThat(home.hasNav("nav-audit")).isFalse();
    Screenshots.take(page, "analyst-home-phone");

    ConsolePage.open(page, "admin/tenants").waitFor("#access-denied");
    ConsolePage.open(page, "t/" + SLUG + "/members").waitFor("#access-denied");
    Screenshots.take(page, "access-denied");
    page.context().close();
  }

  @Test
  @Order(4)
  void auditorSeesEverythingAboveAndTheChainVerifies() {
    Page page = browser.newPerson(1280, 800);
    ConsolePage.open(page, "t/" + SLUG + "/audit");
    new KeycloakLoginPage(page)
        .signIn(AUDITOR_EMAIL, auditorPassword)
        .chooseNewPassword(NEW_PASSWORD);
    page.waitForURL(url -> url.contains("/t/" + SLUG + "/audit"));
    AuditPage audit = new AuditPage(page);
    assertThat(audit.shows("tenant.provisioned")).isTrue();
    assertThat(audit.shows("member.add")).isTrue();
    assertThat(audit.shows("access.denied")).isTrue();
    assertThat(audit.verifyChain()).contains("Chain intact");
    assertThat(audit.csvLink()).isNotBlank();
    Screenshots.take(page, "audit");
    page.context().close();
  }

  @Test
  @Order(5)
  void tenantAdminSeesTheJourneyMeteredOnTheUsagePage() {
    Page page = browser.newPerson(1280, 800);
    ConsolePage.open(page, "t/" + SLUG + "/usage");
    new KeycloakLoginPage(page).signIn(ADMIN_EMAIL, NEW_PASSWORD);
    UsagePage usage = new UsagePage(page);
    // Requests are counted per minute and written once the minute has closed.
    assertThat(usage.waitForUsage("api.requests")).isPositive();
    Screenshots.take(page, "usage");
    page.context().close();
  }

  @Test
  @Order(6)
  void aPersonInTwoTenantsSwitchesAndAnEndedSessionSignsInAgain() {
    // The platform admin gives the analyst a tenant of their own.
    Page admin = browser.newPerson(1280, 800);
    ConsolePage.open(admin, "admin/tenants");
    new KeycloakLoginPage(admin).signIn("admin", Secrets.platformAdminPassword());
    AdminTenantsPage tenants = new AdminTenantsPage(admin);
    tenants.openCreateForm().fill("beta-" + RUN, "Beta Works " + RUN, ANALYST_EMAIL).submit();
    assertThat(tenants.createdWithoutPassword()).isTrue(); // the analyst already has an account
    admin.context().close();

    Page page = browser.newPerson(1280, 800);
    ConsolePage.open(page, "t/" + SLUG);
    new KeycloakLoginPage(page).signIn(ANALYST_EMAIL, NEW_PASSWORD);
    ConsolePage home = new ConsolePage(page);
    home.waitFor("#tenant-home");
    assertThat(home.hasNav("nav-members")).isFalse(); // analyst in Acme
    home.switchTo("Beta Works " + RUN);
    page.waitForURL(url -> url.contains("/t/beta-" + RUN));
    home.waitFor("#nav-members"); // tenant-admin in Beta
    Screenshots.take(page, "tenant-switcher");

    // The session ends (cookies gone, as after expiry): the next page asks to sign in and
    // returns to it.
    page.context().clearCookies();
    ConsolePage.open(page, "t/beta-" + RUN + "/members");
    new KeycloakLoginPage(page).signIn(ANALYST_EMAIL, NEW_PASSWORD);
    page.waitForURL(url -> url.endsWith("/t/beta-" + RUN + "/members"));
    new MembersPage(page);
    page.context().close();
  }
}
