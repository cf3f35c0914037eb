package io.millwright.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.Map;

/**
 * A tenant's connections: the list, the "connect a source" wizard (connector, options, test,
 * dataset, schedule, name) and one connection's page (Run now, runs, Pause), plus the connector
 * catalogue.
 */
final class ConnectionsPage extends ConsolePage {

  /** How long a run may take to show as finished: the route polls, writes and commits. */
  static final double RUN_TIMEOUT_MS = 120_000;

  ConnectionsPage(Page page) {
    super(page);
    waitFor("#connections-view");
  }

  /** From the list, opens the wizard. */
  ConnectionsPage startWizard() {
    page.locator("#connect-source").click();
    waitFor("#new-connection-view");
    return this;
  }

  /** Picks a connector by its id and waits for its options form. */
  ConnectionsPage chooseConnector(String id) {
    page.locator("#connector-select").click();
    page.locator("vaadin-select-item", new Page.LocatorOptions().setHasText("(" + id + ")"))
        .first()
        .click();
    waitFor("#connector-form");
    return this;
  }

  /** Types option values into the generated form, by option name. */
  ConnectionsPage configure(Map<String, String> options) {
    options.forEach(
        (name, value) ->
            page.locator("#config-" + name + " input, #config-" + name + " textarea")
                .first()
                .fill(value));
    return this;
  }

  /** Presses Test connection and waits for its outcome; returns the status line. */
  String testConnection() {
    page.locator("#test-connection").click();
    waitFor("#test-status[data-outcome]");
    return page.locator("#test-status").textContent();
  }

  String testSummary() {
    waitFor("#test-summary");
    return page.locator("#test-summary").textContent();
  }

  boolean testShowsSample() {
    waitFor("#test-sample-grid");
    return true;
  }

  /** Chooses the dataset the records go into. */
  ConnectionsPage chooseDataset(String dataset) {
    page.locator("#dataset-field input").click();
    page.locator("#dataset-field input").fill(dataset);
    page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText(dataset))
        .first()
        .click();
    return this;
  }

  /** Chooses a schedule by the start of its label, e.g. "Manual" or "Every". */
  ConnectionsPage chooseSchedule(String label) {
    page.locator("#schedule-kind vaadin-radio-button", new Page.LocatorOptions().setHasText(label))
        .first()
        .click();
    return this;
  }

  /** Names the connection, creates it and waits for its page. */
  ConnectionsPage create(String name) {
    page.locator("#connection-name-field input").fill(name);
    page.locator("#create-connection").click();
    waitFor("#connection-view");
    page.locator("#connection-name:has-text('" + name + "')").waitFor();
    return this;
  }

  /** On a connection's page: Run now. */
  ConnectionsPage runNow() {
    page.locator("#connection-run-now").click();
    return this;
  }

  /**
   * Waits (the page refreshes itself) until the newest runs include a finished one, and returns its
   * status and rows written, e.g. {@code succeeded 20}, or {@code failed 0: <error>}.
   */
  String awaitFinishedRun() {
    Locator finished =
        page.locator(
            "#connection-runs-grid .run-status[data-status='succeeded'],"
                + " #connection-runs-grid .run-status[data-status='failed']");
    finished
        .first()
        .waitFor(
            new Locator.WaitForOptions()
                .setState(WaitForSelectorState.ATTACHED)
                .setTimeout(RUN_TIMEOUT_MS));
    Locator run = finished.first();
    String error = run.getAttribute("title");
    return run.getAttribute("data-status")
        + " "
        + run.getAttribute("data-written")
        + (error == null ? "" : ": " + error);
  }

  /** On a connection's page: Pause, then waits for the badge to say so. */
  ConnectionsPage pause() {
    page.locator("#connection-pause").click();
    waitFor("#connection-state[data-state='paused']");
    return this;
  }

  /** The state badge on a connection's page: active, paused or failing. */
  String state() {
    return page.locator("#connection-state").getAttribute("data-state");
  }

  String pausedReason() {
    waitFor("#connection-paused-reason");
    return page.locator("#connection-paused-reason").textContent();
  }

  /** From a connection's page back to the list. */
  ConnectionsPage backToList() {
    page.locator("#connection-back").click();
    waitFor("#connections-grid");
    return this;
  }

  /** The badge a connection has in the list: active, paused or failing. */
  String listedState(String name) {
    Locator badge =
        page.locator("#connections-grid .connection-state[data-connection='" + name + "']");
    badge.first().waitFor();
    return badge.first().getAttribute("data-state");
  }

  /** From the list, the catalogue; waits for a connector's card. */
  ConnectionsPage openCatalog(String connectorId) {
    page.locator("#connector-catalog-link").click();
    waitFor("#connector-catalog-view");
    waitFor("#connector-card-" + connectorId);
    return this;
  }

  /** Whether the page has an element, e.g. a button a reader must not be offered. */
  boolean shows(String selector) {
    return page.locator(selector).count() > 0;
  }
}
