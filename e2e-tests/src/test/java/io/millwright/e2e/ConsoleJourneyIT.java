package io.millwright.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's main journey, in a real browser against the real platform: a platform admin makes a
 * tenant, its admin invites people, an analyst is refused what is not theirs, an auditor checks the
 * trail, a data engineer declares a dataset, writes a messy file into it, queries it with SQL,
 * corrects and replays a quarantined row, then connects a PostgreSQL table, runs and pauses the
 * connection, which an analyst may only look at. Each step is a test in order; later steps need the
 * earlier ones.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(FailureScreenshots.class)
class ConsoleJourneyIT {

  static final String RUN = UUID.randomUUID().toString().substring(0, 6);
  static final String SLUG = "acme-" + RUN;
  static final String ADMIN_EMAIL = "admin@" + SLUG + ".example.com";
  static final String ANALYST_EMAIL = "analyst@" + SLUG + ".example.com";
  static final String AUDITOR_EMAIL = "auditor@" + SLUG + ".example.com";
  static final String ENGINEER_EMAIL = "engineer@" + SLUG + ".example.com";
  static final String NEW_PASSWORD = "Journey-" + RUN + "-Passw0rd";

  /** A table in the machine's PostgreSQL that the journey connects to, and what it reads into. */
  static final String SOURCE_TABLE = "journey_orders_" + RUN;

  static final int SOURCE_ROWS = 20;
  static final String ORDERS_DATASET = "shop_orders";
  static final String CONNECTION = "shop-orders";

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

  @AfterAll
  static void dropSourceTable() {
    try {
      SourceDb.drop(SOURCE_TABLE);
    } catch (IllegalStateException e) {
      // Not reachable (a platform elsewhere): nothing was made here to clean up.
    }
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

  @Test
  @Order(7)
  void dataEngineerDeclaresADatasetAndWritesAMessyFileIntoIt(@TempDir Path files)
      throws IOException {
    // Clean rows to propose the columns: site (string), read_on (date), kwh (decimal).
    Path sample =
        Files.writeString(
            files.resolve("readings-sample.csv"),
            "site,read_on,kwh\nNorth,2026-11-01,12.5\nSouth,2026-11-01,7\n",
            StandardCharsets.UTF_8);
    // 6 rows and a blank line: one not a number and one without its key go to quarantine, one
    // repeats a key and is deduplicated, three are written.
    Path messy =
        Files.writeString(
            files.resolve("readings-november.csv"),
            "site,read_on,kwh\n"
                + "North,2026-11-01,12.5\n"
                + "South,2026-11-01,not a number\n"
                + "East,2026-11-02,7.25\n"
                + "\n"
                + "North,2026-11-01,12.5\n"
                + ",2026-11-03,3\n"
                + "West,2026-11-03,4\n",
            StandardCharsets.UTF_8);

    Page admin = browser.newPerson(1280, 800);
    ConsolePage.open(admin, "t/" + SLUG + "/members");
    new KeycloakLoginPage(admin).signIn(ADMIN_EMAIL, NEW_PASSWORD);
    String engineerPassword = new MembersPage(admin).invite(ENGINEER_EMAIL, "data-engineer");
    admin.context().close();

    Page page = browser.newPerson(1280, 800);
    ConsolePage.open(page, "t/" + SLUG);
    new KeycloakLoginPage(page)
        .signIn(ENGINEER_EMAIL, engineerPassword)
        .chooseNewPassword(NEW_PASSWORD);
    ConsolePage home = new ConsolePage(page);
    home.waitFor("#nav-datasets");
    home.nav("nav-datasets").click();
    DatasetsPage datasets = new DatasetsPage(page);

    datasets.createFromSample(
        "meter_readings", "Daily meter readings per site", sample, "site", "read_on");
    Screenshots.take(page, "dataset-created");

    datasets.uploadAndWrite(messy);
    assertThat(datasets.rowsRead()).isEqualTo(6);
    assertThat(datasets.rowsWritten()).isEqualTo(3);
    assertThat(datasets.rowsQuarantined()).isEqualTo(2);
    assertThat(datasets.rowsDeduplicated()).isEqualTo(1);
    Screenshots.take(page, "dataset-upload-result");

    datasets.openWrittenDataset();
    assertThat(datasets.previewInfo()).contains("of 3 rows");
    assertThat(datasets.previewShows("West")).isTrue();
    assertThat(datasets.previewShows("East")).isTrue();
    Screenshots.take(page, "dataset-preview");
    assertThat(datasets.versionsCount()).startsWith("1 version");
    Screenshots.take(page, "dataset-versions");

    home.nav("nav-datasets").click();
    assertThat(new DatasetsPage(page).lists("meter_readings")).isTrue();
    page.context().close();
  }

  @Test
  @Order(8)
  void dataEngineerQueriesTheDatasetWithSqlAndIsRefusedTheHostsFiles() {
    Page page = browser.newPerson(1280, 800);
    ConsolePage.open(page, "t/" + SLUG);
    // The engineer chose NEW_PASSWORD at the first sign-in in the previous step.
    new KeycloakLoginPage(page).signIn(ENGINEER_EMAIL, NEW_PASSWORD);
    ConsolePage home = new ConsolePage(page);
    home.waitFor("#nav-sql");
    home.nav("nav-sql").click();
    SqlPage sql = new SqlPage(page);

    sql.run("select site, kwh from meter_readings order by site");
    assertThat(sql.showsError()).isFalse();
    assertThat(sql.status()).startsWith("3 rows").contains("meter_readings version");
    List<List<String>> rows = sql.rows();
    assertThat(rows).hasSize(3);
    assertThat(rows).extracting(row -> row.get(0)).containsExactly("East", "North", "West");
    Screenshots.take(page, "sql-workbench");

    // The sandbox reads the tenant's datasets and nothing else; the refusal is words, not a trace.
    sql.runWithKeyboard("select * from read_csv('/etc/passwd')");
    String refusal = sql.error();
    assertThat(refusal)
        .contains("outside your datasets")
        .doesNotContain("Exception")
        .doesNotContain("root:");
    assertThat(sql.status()).isEqualTo("The query did not run.");

    // A query worth keeping becomes a transform that refreshes its dataset by itself.
    String perSite = "select site, sum(kwh) as kwh from meter_readings group by site";
    sql.run(perSite);
    page.locator("#sql-save-transform").click();
    TransformsPage transforms = new TransformsPage(page);
    assertThat(transforms.query()).isEqualTo(perSite);
    transforms.fill("site_totals", "site_kwh", "every 100ms").save();
    assertThat(transforms.scheduleError()).contains("at least every 2s");
    assertThat(transforms.query()).as("nothing typed is lost").isEqualTo(perSite);
    transforms.schedule("every 2s").save();
    transforms.awaitState("site_totals", "scheduled");
    assertThat(transforms.awaitLastRun("succeeded")).contains("3 rows written");
    Screenshots.take(page, "transforms");
    transforms.schedule("manual").save();
    transforms.awaitState("site_totals", "manual");
    page.context().close();
  }

  @Test
  @Order(9)
  void dataEngineerCorrectsAQuarantinedRowReplaysItAndReadsQualityAndLineage() {
    Page page = browser.newPerson(1280, 800);
    ConsolePage.open(page, "t/" + SLUG);
    new KeycloakLoginPage(page).signIn(ENGINEER_EMAIL, NEW_PASSWORD);
    ConsolePage home = new ConsolePage(page);
    home.waitFor("#nav-datasets");
    home.nav("nav-datasets").click();
    DatasetsPage datasets = new DatasetsPage(page).open("meter_readings");

    // Step 7 left two rows in quarantine: kwh "not a number", and one without its site.
    assertThat(datasets.openQuarantine()).isEqualTo(2);
    datasets.correctQuarantinedRow("not a number", "kwh", "9.5").replaySelected();
    assertThat(datasets.replayWritten()).isEqualTo(1);
    assertThat(datasets.replayQuarantined()).isZero();
    assertThat(datasets.openQuarantine()).isEqualTo(1);
    Screenshots.take(page, "quarantine-replay");

    // The replay made a new current version: the three rows written first and South's.
    assertThat(datasets.qualityRows()).isEqualTo(4);
    assertThat(datasets.qualityShowsNullRateOf("kwh")).isTrue();
    Screenshots.take(page, "dataset-quality");

    assertThat(datasets.lineagePictureShown()).isTrue();
    Screenshots.take(page, "dataset-lineage");
    page.context().close();
  }

  @Test
  @Order(10)
  void dataEngineerConnectsAPostgresTableRunsItAndPausesIt(@TempDir Path files) throws IOException {
    SourceDb.createOrders(SOURCE_TABLE, SOURCE_ROWS);
    // The dataset the records go into, its columns proposed from rows shaped like the table's.
    Path sample =
        Files.writeString(
            files.resolve("shop-orders-sample.csv"),
            "id,site,amount,updated_at\n"
                + "1,South,1.25,2026-11-01T08:01:01\n"
                + "2,North,2.50,2026-11-01T08:02:02\n",
            StandardCharsets.UTF_8);

    Page page = browser.newPerson(1280, 800);
    ConsolePage.open(page, "t/" + SLUG);
    new KeycloakLoginPage(page).signIn(ENGINEER_EMAIL, NEW_PASSWORD);
    ConsolePage home = new ConsolePage(page);
    home.waitFor("#nav-datasets");
    home.nav("nav-datasets").click();
    new DatasetsPage(page)
        .createFromSample(ORDERS_DATASET, "Orders read from the shop database", sample, "id");

    home.nav("nav-connections").click();
    ConnectionsPage connections = new ConnectionsPage(page).startWizard().chooseConnector("jdbc");
    Map<String, String> options = new LinkedHashMap<>();
    options.put("url", SourceDb.URL);
    options.put("user", SourceDb.USER);
    options.put("table", SOURCE_TABLE);
    options.put("keyColumns", "id");
    options.put("watermarkColumn", "updated_at");
    connections.configure(options);

    assertThat(connections.testConnection()).contains("works");
    assertThat(connections.testSummary()).contains("PostgreSQL").contains("20 rows");
    assertThat(connections.testShowsSample()).isTrue();
    connections.chooseDataset(ORDERS_DATASET).chooseSchedule("Manual");
    page.locator("#test-summary").scrollIntoViewIfNeeded();
    Screenshots.take(page, "connection-wizard");

    connections.create(CONNECTION);
    assertThat(connections.state()).isEqualTo("active");
    connections.runNow();
    assertThat(connections.awaitFinishedRun()).isEqualTo("succeeded " + SOURCE_ROWS);
    assertThat(page.locator("#connection-offset").textContent()).startsWith("Read up to");
    Screenshots.take(page, "connection-runs");

    connections.pause();
    assertThat(connections.state()).isEqualTo("paused");
    assertThat(connections.pausedReason()).contains("paused by");
    assertThat(connections.shows("#connection-resume")).isTrue();

    connections.backToList();
    assertThat(connections.listedState(CONNECTION)).isEqualTo("paused");
    Screenshots.take(page, "connections");

    connections.openCatalog("jdbc");
    Screenshots.take(page, "connector-catalog");
    page.context().close();
  }

  @Test
  @Order(11)
  void anAnalystSeesTheConnectionButCannotRunOrChangeIt() {
    Page page = browser.newPerson(1280, 800);
    ConsolePage.open(page, "t/" + SLUG + "/connections/" + CONNECTION);
    new KeycloakLoginPage(page).signIn(ANALYST_EMAIL, NEW_PASSWORD);
    page.waitForURL(url -> url.contains("/connections/" + CONNECTION));
    ConsolePage view = new ConsolePage(page);
    view.waitFor("#connection-state[data-state='paused']");
    view.waitFor("#connection-runs-grid .run-status[data-status='succeeded']");
    // Configuration is readable; the grid's cells are in the page once it has rendered.
    view.waitFor(
        "#connection-config-grid vaadin-grid-cell-content:has-text('" + SOURCE_TABLE + "')");
    view.waitFor("#connection-config-grid vaadin-grid-cell-content:has-text('updated_at')");
    for (String button :
        List.of(
            "#connection-run-now",
            "#connection-pause",
            "#connection-resume",
            "#connection-delete",
            "#connection-test")) {
      assertThat(page.locator(button).count()).as(button).isZero();
    }

    ConsolePage.open(page, "t/" + SLUG + "/connect").waitFor("#access-denied");
    page.context().close();
  }

  @Test
  @Order(12)
  void anAnalystTrainsAModelAndAnEngineerMakesItTheChampion(@TempDir Path files)
      throws IOException {
    // Customers churn when they are new and pay a lot: a known answer for the model to find.
    StringBuilder csv = new StringBuilder("tenure_months,monthly_fee,plan,churned\n");
    java.util.Random random = new java.util.Random(4);
    for (int i = 0; i < 400; i++) {
      int tenure = random.nextInt(60);
      double fee = 10 + random.nextInt(900) / 10.0;
      csv.append(tenure)
          .append(',')
          .append(fee)
          .append(',')
          .append(List.of("basic", "pro", "max").get(random.nextInt(3)))
          .append(',')
          .append(tenure < 18 && fee > 45)
          .append('\n');
    }
    Path customers = Files.writeString(files.resolve("customers.csv"), csv, StandardCharsets.UTF_8);

    Page engineer = browser.newPerson(1280, 800);
    ConsolePage.open(engineer, "t/" + SLUG + "/datasets");
    new KeycloakLoginPage(engineer).signIn(ENGINEER_EMAIL, NEW_PASSWORD);
    DatasetsPage datasets = new DatasetsPage(engineer);
    datasets.createFromSample("customers", "Customers and whether they left", customers);
    datasets.uploadAndWrite(customers);
    assertThat(datasets.rowsWritten()).isEqualTo(400);

    Page analyst = browser.newPerson(1280, 900);
    ConsolePage.open(analyst, "t/" + SLUG + "/models");
    new KeycloakLoginPage(analyst).signIn(ANALYST_EMAIL, NEW_PASSWORD);
    ModelsPage models = new ModelsPage(analyst);
    models.train("customers", "churned", "tabular-mlp", "churn", "20");
    Screenshots.take(analyst, "training-run-live");
    assertThat(models.awaitRunEnd()).isEqualTo("succeeded");
    assertThat(models.curvePoints()).isPositive();
    assertThat(models.metrics()).contains("accuracy");
    Screenshots.take(analyst, "training-run");
    models.openModel();
    // Analysts train; they do not promote.
    assertThat(models.showsPromoteButton(1)).isFalse();
    Screenshots.take(analyst, "model");
    analyst.context().close();

    ConsolePage.open(engineer, "t/" + SLUG + "/models/churn");
    ModelsPage asEngineer = new ModelsPage(engineer);
    asEngineer.promote(1, "first model, beats the baseline");
    Screenshots.take(engineer, "model-champion");
    engineer.context().close();
  }

  @Test
  @Order(13)
  void aPromotionWaitsForASecondApproverAndTheJobsPageShowsTheQueue() {
    Page admin = browser.newPerson(1280, 900);
    ConsolePage.open(admin, "t/" + SLUG + "/models/churn");
    new KeycloakLoginPage(admin).signIn(ADMIN_EMAIL, NEW_PASSWORD);
    ModelsPage asAdmin = new ModelsPage(admin);
    asAdmin.showsPromoteButton(1);
    asAdmin.requireSecondApprover(true);
    asAdmin.rollBack();

    Page engineer = browser.newPerson(1280, 900);
    ConsolePage.open(engineer, "t/" + SLUG + "/models/churn");
    new KeycloakLoginPage(engineer).signIn(ENGINEER_EMAIL, NEW_PASSWORD);
    ModelsPage asEngineer = new ModelsPage(engineer);
    asEngineer.requestPromotion(1, "back in service");
    assertThat(asEngineer.canApprove()).as("whoever asked cannot approve").isFalse();
    assertThat(engineer.locator("#model-champion").getAttribute("data-version")).isEmpty();
    Screenshots.take(engineer, "model-approval");

    ConsolePage.open(admin, "t/" + SLUG + "/models/churn");
    asAdmin.approve(1);
    admin.context().close();

    // One training job per tenant on the test server: a long run holds it, the next one waits.
    ConsolePage.open(engineer, "t/" + SLUG + "/models");
    asEngineer.train(
        "customers",
        "churned",
        "tabular-mlp",
        "churn_long",
        "500",
        Map.of("earlyStoppingPatience", "0", "batchSize", "16"));
    String longRun = engineer.url();
    ConsolePage.open(engineer, "t/" + SLUG + "/models");
    asEngineer.train("customers", "churned", "tabular-mlp", "churn_next", "20");
    String nextRun = engineer.url();
    ConsolePage.open(engineer, "t/" + SLUG + "/jobs");
    engineer.waitForCondition(
        () ->
            engineer.locator("#jobs-grid").isVisible()
                && engineer
                    .locator("#jobs-grid")
                    .textContent()
                    .contains("concurrent training jobs"));
    assertThat(engineer.locator("#jobs-grid").textContent()).contains("#1", "churn_next");
    assertThat(engineer.locator("#jobs-cpu").textContent()).contains("1 of 1 CPU jobs running");
    assertThat(engineer.locator("#jobs-platform").textContent()).contains("platform slots busy");
    Screenshots.take(engineer, "jobs");

    for (String run : List.of(nextRun, longRun)) {
      engineer.navigate(run);
      asEngineer.cancelRunIfActive();
    }
    engineer.context().close();
  }
}
