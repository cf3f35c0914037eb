package io.millwright.console.views.connections;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConnectionDetail;
import io.millwright.console.ports.ConnectionDraft;
import io.millwright.console.ports.ConnectionTestResult;
import io.millwright.console.ports.ConnectorInfo;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.DatasetRow;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantConnections;
import io.millwright.console.ports.TenantDatasets;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.views.shell.FieldErrors;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Toasts;
import io.millwright.tenancy.TenantRole;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * "Connect a source", for writers, in steps on one page: pick a connector; configure it in a form
 * generated from its options; test the connection (summary and sample, or the source's refusal);
 * choose the dataset; choose a schedule the connector allows, and a batch size; name it and create
 * it. The platform checks everything and names each bad field, which is marked where it was typed;
 * nothing typed is lost on an error.
 */
// Not under connections/: a connection may be named anything its name pattern allows.
@Route(value = "t/:slug/connect", layout = MainLayout.class)
@PageTitle("Connect a source · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class NewConnectionView extends VerticalLayout implements BeforeEnterObserver {

  private final TenantSwitchboard switchboard;
  private final TenantConnections connections;
  private final TenantDatasets datasets;
  private final FieldErrors errors = new FieldErrors();

  private final Select<ConnectorInfo> connector = new Select<>();
  private final Paragraph connectorAbout = new Paragraph();
  private final Div configure = new Div();
  private final Div steps = new Div();
  private final Div testStatus = new Div();
  private final Paragraph testSummary = new Paragraph();
  private final Div sample = new Div();
  private final ComboBox<String> dataset = new ComboBox<>("Dataset");
  private final RadioButtonGroup<ScheduleChoice> schedule = new RadioButtonGroup<>("Schedule");
  private final IntegerField minutes = new IntegerField("Every … minutes");
  private final TextField cron = new TextField("Cron: minute hour day month weekday [time zone]");
  private final IntegerField batchRecords = new IntegerField("Batch size (records per commit)");
  private final TextField name = new TextField("Name");
  private final TextArea description = new TextArea("Description");
  private final Button test = new Button("Test connection");
  private final Button create = new Button("Create connection");
  private ConnectorForm form;
  private TenantChoice tenant;

  @Inject
  public NewConnectionView(
      TenantSwitchboard switchboard, TenantConnections connections, TenantDatasets datasets) {
    this.switchboard = switchboard;
    this.connections = connections;
    this.datasets = datasets;
    setId("new-connection-view");

    connector.setId("connector-select");
    connector.setLabel("Connector");
    connector.setPlaceholder("Choose a connector");
    connector.setItemLabelGenerator(c -> c.name() + " (" + c.id() + ")");
    connector.setWidth("24rem");
    connector.addValueChangeListener(e -> connectorChosen(e.getValue()));
    connectorAbout.setId("connector-about");
    configure.setId("connector-configure");
    configure.setWidthFull();

    test.setId("test-connection");
    test.addClickListener(e -> startTest());
    testStatus.setId("test-status");
    testStatus.getElement().setAttribute("role", "status");
    testSummary.setId("test-summary");
    testSummary.setVisible(false);
    sample.setId("test-sample");
    sample.setWidthFull();
    sample.setVisible(false);

    dataset.setId("dataset-field");
    dataset.setRequired(true);
    dataset.setAllowCustomValue(false);
    dataset.setHelperText("The records go into this dataset, through its checks, as new versions.");
    dataset.setWidth("24rem");

    schedule.setId("schedule-kind");
    schedule.setItemLabelGenerator(ScheduleChoice::label);
    schedule.addValueChangeListener(e -> showScheduleFields());
    minutes.setId("schedule-minutes");
    minutes.setMin(1);
    minutes.setStepButtonsVisible(true);
    minutes.setValue(ScheduleChoice.DEFAULT_MINUTES);
    cron.setId("schedule-cron");
    cron.setValue(ScheduleChoice.DEFAULT_CRON);
    cron.setHelperText(
        "Unix cron, read in UTC unless a zone follows: '0 6 * * 1-5 Europe/Berlin' is weekdays at"
            + " 06:00 Berlin time; '*/30 * * * *' every half hour.");
    cron.setWidth("24rem");
    cron.setVisible(false);
    batchRecords.setId("batch-records-field");
    batchRecords.setMin(1);
    batchRecords.setMax(1_000_000);
    batchRecords.setHelperText(
        "Optional. Empty for the default: 50,000 a run for polls, 5,000 for streams.");

    name.setId("connection-name-field");
    name.setRequired(true);
    name.setHelperText(
        "lowercase letters, digits, _ or -, starting with a letter, e.g. erp-orders");
    description.setId("connection-description-field");
    description.setMaxLength(2000);
    create.setId("create-connection");
    create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    create.addClickListener(e -> create());

    errors.register("connector", connector);
    errors.register("dataset", dataset);
    errors.register("schedule", schedule);
    errors.register("batchRecords", batchRecords);
    errors.register("name", name);
    errors.register("description", description);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Optional<String> wanted =
        event.getLocation().getQueryParameters().getSingleParameter("connector");
    Guards.requireTenant(event, switchboard, TenantConnections.WRITERS.toArray(TenantRole[]::new))
        .ifPresent(t -> show(t, wanted.orElse(null)));
  }

  private void show(TenantChoice chosen, String wantedConnector) {
    tenant = chosen;
    removeAll();
    Anchor back = new Anchor("t/" + tenant.slug() + "/connections", "Back to connections");
    back.setId("connect-back");
    add(new H2("Connect a source to " + tenant.name()), back);

    List<ConnectorInfo> available;
    try {
      available = connections.catalogue(tenant.slug());
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
      return;
    }
    add(step("1", "Pick a connector"), connector, connectorAbout);
    connector.setItems(available);
    if (available.isEmpty()) {
      connectorAbout.setText(
          "No connector is available to this tenant; your tenant admin chooses plugins in"
              + " Settings.");
    }

    steps.removeAll();
    steps.setId("connection-steps");
    steps.setWidthFull();
    HorizontalLayout testBar = new HorizontalLayout(test, testStatus);
    testBar.setAlignItems(FlexComponent.Alignment.BASELINE);
    Button reload = new Button("Reload datasets", e -> loadDatasets());
    reload.setId("reload-datasets");
    reload.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
    Anchor newDataset =
        new Anchor(
            "t/" + tenant.slug() + "/datasets/new-dataset",
            "Declare a new dataset (opens in a new tab)");
    newDataset.setTarget(AnchorTarget.BLANK);
    newDataset.setId("declare-dataset-link");
    HorizontalLayout datasetBar = new HorizontalLayout(dataset, reload, newDataset);
    datasetBar.setAlignItems(FlexComponent.Alignment.BASELINE);
    FormLayout when = new FormLayout(schedule, minutes, cron, batchRecords);
    when.setColspan(schedule, 2);
    FormLayout naming = new FormLayout(name, description);
    steps.add(
        step("2", "Configure"),
        configure,
        step("3", "Test the connection"),
        new Paragraph(
            "The connector reaches the source with this configuration and shows what it finds."
                + " Nothing is saved or read into a dataset."),
        testBar,
        testSummary,
        sample,
        step("4", "Map to a dataset"),
        datasetBar,
        step("5", "Schedule"),
        when,
        step("6", "Name and create"),
        naming,
        create);
    add(steps);
    loadDatasets();

    ConnectorInfo preselected =
        available.stream()
            .filter(c -> c.id().equals(wantedConnector))
            .findFirst()
            .orElse(available.size() == 1 ? available.get(0) : null);
    if (preselected != null) {
      connector.setValue(preselected);
    } else {
      connectorChosen(null);
    }
  }

  private static H3 step(String number, String title) {
    H3 h = new H3(number + ". " + title);
    h.addClassName("wizard-step");
    return h;
  }

  private void loadDatasets() {
    try {
      String kept = dataset.getValue();
      List<String> names = datasets.list(tenant.slug()).stream().map(DatasetRow::name).toList();
      dataset.setItems(names);
      if (kept != null && names.contains(kept)) {
        dataset.setValue(kept);
      }
      dataset.setPlaceholder(names.isEmpty() ? "No datasets yet: declare one first" : "");
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
    }
  }

  /** Builds the options form for the connector, keeping what was typed into same-named options. */
  private void connectorChosen(ConnectorInfo chosen) {
    steps.setVisible(chosen != null);
    clearTest();
    if (chosen == null) {
      configure.removeAll();
      form = null;
      return;
    }
    connectorAbout.setText(
        chosen.description()
            + " Version "
            + chosen.version()
            + "; "
            + String.join(", ", chosen.capabilities())
            + ".");
    Map<String, String> typed = form == null ? Map.of() : form.values();
    form = new ConnectorForm(chosen);
    form.carryOver(typed);
    form.registerWith(errors);
    configure.removeAll();
    configure.add(form);

    ScheduleChoice kept = schedule.getValue();
    List<ScheduleChoice> allowed = ScheduleChoice.allowed(chosen);
    schedule.setItems(allowed);
    schedule.setValue(
        kept != null && allowed.contains(kept) ? kept : allowed.isEmpty() ? null : allowed.get(0));
    showScheduleFields();
  }

  private void showScheduleFields() {
    minutes.setVisible(schedule.getValue() == ScheduleChoice.EVERY);
    cron.setVisible(schedule.getValue() == ScheduleChoice.CRON);
  }

  private ConnectionDraft draft() {
    ConnectorInfo c = connector.getValue();
    return new ConnectionDraft(
        name.getValue().strip(),
        description.getValue(),
        c == null ? null : c.id(),
        dataset.getValue(),
        form == null ? Map.of() : form.values(),
        ScheduleChoice.text(schedule.getValue(), minutes.getValue(), cron.getValue()),
        null,
        batchRecords.getValue(),
        null);
  }

  private void clearTest() {
    testStatus.setText("");
    testStatus.getElement().removeAttribute("data-outcome");
    testStatus.getStyle().remove("color");
    testSummary.setVisible(false);
    sample.setVisible(false);
  }

  /**
   * Says the test is under way first, then runs it in the next round trip: without server push, a
   * change made in this listener reaches the browser only when it returns, and a source may take
   * its time to answer (the platform gives up after a minute).
   */
  private void startTest() {
    clearTest();
    errors.clear();
    test.setEnabled(false);
    testStatus.setText("Testing: reaching the source…");
    // On the status text, not the button: Vaadin drops replies addressed to a disabled element.
    testStatus.getElement().executeJs("return 0").then(Integer.class, ignored -> runTest());
  }

  private void runTest() {
    try {
      ConnectionTestResult result = connections.testDraft(tenant.slug(), draft());
      testStatus.setText("The connection works.");
      testStatus.getElement().setAttribute("data-outcome", "ok");
      testSummary.setText(result.summary());
      testSummary.setVisible(true);
      showSample(result);
    } catch (ConsoleException ex) {
      List<String> unshown = errors.show(ex.fieldErrors());
      String message =
          ex.fieldErrors().isEmpty()
              ? ex.getMessage()
              : "please correct the marked options" + suffix(unshown);
      testStatus.setText("The connection test failed: " + message);
      testStatus.getElement().setAttribute("data-outcome", "failed");
      testStatus.getStyle().set("color", "var(--lumo-error-text-color)");
    } finally {
      test.setEnabled(true);
    }
  }

  private void showSample(ConnectionTestResult result) {
    sample.removeAll();
    if (!result.sample().isEmpty()) {
      sample.add(ConnectionGrids.sample("test-sample-grid", result));
      sample.setVisible(true);
    }
  }

  private void create() {
    errors.clear();
    minutes.setInvalid(false);
    cron.setInvalid(false);
    ConnectionDraft draft = draft();
    try {
      ConnectionDetail made = connections.create(tenant.slug(), draft);
      Toasts.success(
          "Connection "
              + made.name()
              + " created"
              + (made.schedule().equals("manual") ? ": press Run now to read the source." : "."));
      getUI().ifPresent(ui -> ui.navigate("t/" + tenant.slug() + "/connections/" + made.name()));
    } catch (ConsoleException ex) {
      if (ex.fieldErrors().isEmpty()) {
        Toasts.error(ex.getMessage());
        return;
      }
      Map<String, String> fieldErrors = ex.fieldErrors();
      if (fieldErrors.containsKey("schedule") && schedule.getValue() == ScheduleChoice.EVERY) {
        minutes.setErrorMessage(fieldErrors.get("schedule"));
        minutes.setInvalid(true);
      }
      if (fieldErrors.containsKey("schedule") && schedule.getValue() == ScheduleChoice.CRON) {
        cron.setErrorMessage(fieldErrors.get("schedule"));
        cron.setInvalid(true);
      }
      List<String> unshown = errors.show(fieldErrors);
      Toasts.error(
          "The connection was not created: please correct the marked fields" + suffix(unshown));
    }
  }

  private static String suffix(List<String> unshown) {
    return unshown.isEmpty() ? "." : "; also " + String.join("; ", unshown) + ".";
  }
}
