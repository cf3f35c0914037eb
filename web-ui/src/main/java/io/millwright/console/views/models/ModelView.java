package io.millwright.console.views.models;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.ModelDetail;
import io.millwright.console.ports.ModelVersionRow;
import io.millwright.console.ports.PromotionRequestRow;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantModels;
import io.millwright.console.ports.TenantSwitchboard;
import io.millwright.console.views.shell.Guards;
import io.millwright.console.views.shell.MainLayout;
import io.millwright.console.views.shell.Toasts;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * One model: its champion and challenger, its versions (type, dataset version, primary metric
 * beside the naive baseline) with how each was made. Promoters make a version the champion (the
 * platform's quality gates may refuse, and the page says why) and roll the champion back; trainers
 * train a new version from here.
 */
@Route(value = "t/:slug/models/:name", layout = MainLayout.class)
@PageTitle("Model · Millwright")
// A CDI bean so that vaadin-cdi can inject its ports (annotated bean discovery).
@Dependent
public class ModelView extends VerticalLayout implements BeforeEnterObserver {

  private final TenantSwitchboard switchboard;
  private final TenantModels models;
  private final Paragraph refused = new Paragraph();
  private TenantChoice tenant;
  private String name;

  @Inject
  public ModelView(TenantSwitchboard switchboard, TenantModels models) {
    this.switchboard = switchboard;
    this.models = models;
    setId("model-view");
    refused.setId("promote-refused");
    refused.getElement().setAttribute("role", "alert");
    refused.getStyle().set("color", "var(--lumo-error-text-color)");
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    String wanted = event.getRouteParameters().get("name").orElse("");
    Guards.requireTenant(event, switchboard).ifPresent(t -> show(t, wanted));
  }

  private boolean promoter() {
    return tenant.holdsAny(TenantModels.PROMOTERS);
  }

  void show(TenantChoice chosen, String modelName) {
    tenant = chosen;
    name = modelName;
    refused.setText("");
    refused.setVisible(false);
    try {
      render(models.model(tenant.slug(), name));
    } catch (ConsoleException ex) {
      removeAll();
      Paragraph problem = new Paragraph(ex.getMessage());
      problem.setId("model-problem");
      Anchor back = new Anchor("t/" + tenant.slug() + "/models", "All models");
      back.setId("model-back");
      add(new H2("Model " + name), problem, back);
    }
  }

  private void render(ModelDetail model) {
    removeAll();
    String metric = model.primaryMetric() == null ? "its primary metric" : model.primaryMetric();
    H2 title = new H2(model.name());
    title.setId("model-name");
    HorizontalLayout header = new HorizontalLayout(title, champion(model), challenger(model));
    header.setAlignItems(FlexComponent.Alignment.BASELINE);
    header.setWidthFull();
    if (promoter() && model.champion() != null) {
      Button rollback = new Button("Roll back", e -> confirmRollback(model));
      rollback.setId("model-rollback");
      header.add(rollback);
    }
    if (tenant.holdsAny(TenantModels.TRAINERS) && !model.versions().isEmpty()) {
      ModelVersionRow latest = model.versions().get(0);
      Button train =
          new Button(
              "Train a new version",
              e ->
                  getUI()
                      .ifPresent(
                          ui ->
                              ui.navigate(
                                  "t/" + tenant.slug() + "/models/train",
                                  QueryParameters.simple(
                                      Map.of(
                                          "model", model.name(), "dataset", latest.dataset())))));
      train.setId("model-train");
      header.add(train);
    }
    Anchor back = new Anchor("t/" + tenant.slug() + "/models", "All models");
    back.setId("model-back");
    Paragraph about =
        new Paragraph(
            ModelText.task(model.task())
                + ", judged by "
                + metric
                + " ("
                + (model.higherIsBetter() ? "higher" : "lower")
                + " is better). A version can become the champion only if it beats the naive"
                + " baseline on "
                + metric
                + " and the current champion by the promotion margin. Created by "
                + ModelText.orEmpty(model.createdBy())
                + " on "
                + ModelText.utc(model.createdAt())
                + " UTC.");
    about.setId("model-about");
    add(header, back, about, policy(model));
    PromotionRequestRow pending = model.pendingPromotion();
    if (pending != null) {
      add(pending(pending));
    }
    add(refused, new H3("Versions"), versions(model), new H3("Lineage"));
    for (ModelVersionRow v : model.versions()) {
      Paragraph lineage = new Paragraph("Version " + v.version() + ": " + ModelText.lineage(v));
      lineage.setId("lineage-" + v.version());
      lineage.addClassName("model-lineage");
      lineage.getStyle().set("overflow-wrap", "anywhere");
      add(lineage);
    }
  }

  /** Whether promotions need a second person, and the switch for tenant admins. */
  private Component policy(ModelDetail model) {
    Paragraph text =
        new Paragraph(
            model.secondApprover()
                ? "Promotions of this model need a second approver: someone other than the person"
                    + " who asks must approve."
                : "One data engineer or tenant admin can make a version the champion.");
    text.setId("model-policy");
    if (!tenant.holdsAny(TenantModels.POLICY_SETTERS)) {
      return text;
    }
    Checkbox required = new Checkbox("Require a second approver", model.secondApprover());
    required.setId("model-second-approver");
    required.addValueChangeListener(
        e -> {
          if (!e.isFromClient()) {
            return;
          }
          try {
            render(models.requireSecondApprover(tenant.slug(), name, e.getValue()));
            Toasts.success(
                e.getValue()
                    ? "Promotions of " + name + " now need a second approver."
                    : "Promotions of " + name + " no longer need a second approver.");
          } catch (ConsoleException ex) {
            Toasts.error(ex.getMessage());
          }
        });
    HorizontalLayout row = new HorizontalLayout(text, required);
    row.setAlignItems(FlexComponent.Alignment.BASELINE);
    return row;
  }

  /** The promotion that waits for a second person, with approve and reject for promoters. */
  private Component pending(PromotionRequestRow request) {
    Span text =
        new Span(
            "Version "
                + request.version()
                + " waits for a second approver: asked by "
                + ModelText.orEmpty(request.requestedBy())
                + " on "
                + ModelText.utc(request.requestedAt())
                + " UTC"
                + (request.reason() == null ? "." : " (" + request.reason() + ")."));
    text.setId("pending-promotion-text");
    HorizontalLayout box = new HorizontalLayout(text);
    box.setId("pending-promotion");
    box.getElement().setAttribute("data-version", String.valueOf(request.version()));
    box.setAlignItems(FlexComponent.Alignment.BASELINE);
    box.getElement().getThemeList().add("badge contrast");
    if (promoter()) {
      Button approve = new Button("Approve", e -> approve(request));
      approve.setId("promotion-approve");
      approve.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
      if (request.mine()) {
        approve.setEnabled(false);
        approve.setTooltipText("You asked for this promotion; someone else must approve it.");
      }
      TextField note = new TextField();
      note.setId("promotion-note");
      note.setPlaceholder("Note (for a rejection)");
      note.setMaxLength(500);
      Button reject = new Button("Reject", e -> reject(request, note.getValue()));
      reject.setId("promotion-reject");
      reject.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
      box.add(approve, note, reject);
    }
    return box;
  }

  private void approve(PromotionRequestRow request) {
    try {
      ModelDetail changed = models.approve(tenant.slug(), name, request.id());
      refused.setVisible(false);
      render(changed);
      Toasts.success("Version " + request.version() + " is the champion of " + name + ".");
    } catch (ConsoleException ex) {
      refused.setText("Version " + request.version() + " was not approved: " + ex.getMessage());
      refused.getElement().setAttribute("data-version", String.valueOf(request.version()));
      refused.setVisible(true);
    }
  }

  private void reject(PromotionRequestRow request, String note) {
    try {
      render(models.reject(tenant.slug(), name, request.id(), note == null ? null : note.strip()));
      Toasts.success("The promotion of version " + request.version() + " was rejected.");
    } catch (ConsoleException ex) {
      Toasts.error(ex.getMessage());
    }
  }

  private static Span champion(ModelDetail model) {
    Span badge =
        new Span(
            model.champion() == null ? "No champion yet" : "Champion: version " + model.champion());
    badge.setId("model-champion");
    badge
        .getElement()
        .getThemeList()
        .add(model.champion() == null ? "badge contrast" : "badge success");
    badge
        .getElement()
        .setAttribute("data-version", model.champion() == null ? "" : model.champion().toString());
    return badge;
  }

  private static Span challenger(ModelDetail model) {
    Span badge =
        new Span(model.challenger() == null ? "" : "Challenger: version " + model.challenger());
    badge.setId("model-challenger");
    badge.getElement().getThemeList().add("badge");
    badge
        .getElement()
        .setAttribute(
            "data-version", model.challenger() == null ? "" : model.challenger().toString());
    badge.setVisible(model.challenger() != null);
    return badge;
  }

  private Grid<ModelVersionRow> versions(ModelDetail model) {
    Grid<ModelVersionRow> grid = new Grid<>(ModelVersionRow.class, false);
    grid.setId("model-versions");
    grid.addColumn(v -> "v" + v.version()).setHeader("Version").setAutoWidth(true);
    grid.addColumn(
            v -> v.modelType() + (v.modelTypeVersion() == null ? "" : " " + v.modelTypeVersion()))
        .setHeader("Model type")
        .setAutoWidth(true);
    grid.addColumn(v -> v.dataset() + "@" + v.datasetVersion())
        .setHeader("Dataset@version")
        .setAutoWidth(true);
    grid.addComponentColumn(v -> primary(model, v))
        .setHeader(
            (model.primaryMetric() == null ? "Primary metric" : model.primaryMetric())
                + " vs baseline")
        .setKey("primary")
        .setAutoWidth(true);
    grid.addComponentColumn(
            v ->
                ModelGrids.aliases(
                    model.name(),
                    v.version() == nullSafe(model.champion()) ? model.champion() : null,
                    v.version() == nullSafe(model.challenger()) ? model.challenger() : null))
        .setHeader("Alias")
        .setKey("aliases")
        .setAutoWidth(true);
    grid.addColumn(v -> ModelText.utc(v.createdAt()) + " · " + ModelText.orEmpty(v.createdBy()))
        .setHeader("Created (UTC)")
        .setAutoWidth(true);
    if (promoter()) {
      grid.addComponentColumn(v -> promoteButton(model, v))
          .setHeader("")
          .setKey("promote")
          .setAutoWidth(true);
    }
    grid.setItems(model.versions());
    grid.setAllRowsVisible(true);
    return grid;
  }

  private static int nullSafe(Integer version) {
    return version == null ? -1 : version;
  }

  /** The primary metric beside the baseline, marked when it beats it. */
  private static Component primary(ModelDetail model, ModelVersionRow v) {
    String metric = model.primaryMetric();
    Double value = v.metrics().get(metric);
    Double baseline = v.baseline().get(metric);
    boolean beats = ModelText.beats(value, baseline, model.higherIsBetter());
    Span text =
        new Span(
            ModelText.number(value)
                + (baseline == null ? "" : " vs " + ModelText.number(baseline))
                + (beats ? " ✓" : ""));
    text.addClassName("model-primary-metric");
    text.getElement().setAttribute("data-version", String.valueOf(v.version()));
    text.getElement().setAttribute("data-beats-baseline", String.valueOf(beats));
    text.setTitle(
        beats ? "Beats the naive baseline" : "Does not beat the naive baseline: not promotable");
    return text;
  }

  private Component promoteButton(ModelDetail model, ModelVersionRow v) {
    if (model.champion() != null && model.champion() == v.version()) {
      return new Div();
    }
    Button promote = new Button("Make champion", e -> confirmPromote(model, v));
    if (model.pendingPromotion() != null) {
      promote.setEnabled(false);
      promote.setTooltipText("A promotion waits for approval; approve or reject it first.");
    }
    promote.setId("promote-" + v.version());
    promote.addClassName("promote-version");
    promote.addThemeVariants(ButtonVariant.LUMO_SMALL);
    promote.getElement().setAttribute("data-version", String.valueOf(v.version()));
    return promote;
  }

  private void confirmPromote(ModelDetail model, ModelVersionRow v) {
    Dialog dialog = new Dialog();
    dialog.setId("promote-dialog");
    dialog.setHeaderTitle("Make version " + v.version() + " the champion of " + model.name() + "?");
    Paragraph what =
        new Paragraph(
            "Version "
                + v.version()
                + ": "
                + ModelText.versus(model.primaryMetric(), v.metrics(), v.baseline())
                + "."
                + (model.champion() == null
                    ? " The model has no champion yet."
                    : " It would replace version " + model.champion() + ".")
                + " The platform's quality gates check it first."
                + (model.secondApprover() ? " Then it waits until someone else approves it." : ""));
    TextField reason = new TextField("Reason (for the audit trail)");
    reason.setId("promote-reason");
    reason.setWidthFull();
    reason.setMaxLength(500);
    Button confirm =
        new Button(
            "Make champion",
            e -> {
              dialog.close();
              promote(v.version(), reason.getValue());
            });
    confirm.setId("promote-confirm");
    confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    Button cancel = new Button("Cancel", e -> dialog.close());
    cancel.setId("promote-cancel");
    dialog.add(what, reason);
    dialog.getFooter().add(cancel, confirm);
    dialog.open();
  }

  void promote(int version, String reason) {
    try {
      ModelDetail changed = models.promote(tenant.slug(), name, version, reason);
      refused.setVisible(false);
      render(changed);
      PromotionRequestRow pending = changed.pendingPromotion();
      if (pending != null && pending.version() == version) {
        Toasts.success(
            "Version " + version + " waits for a second approver before it becomes the champion.");
      } else {
        Toasts.success("Version " + version + " is the champion of " + name + ".");
      }
    } catch (ConsoleException ex) {
      // The gate's own words (it does not beat the baseline, or not the champion by the margin).
      refused.setText("Version " + version + " was not made the champion: " + ex.getMessage());
      refused.getElement().setAttribute("data-version", String.valueOf(version));
      refused.setVisible(true);
    }
  }

  private void confirmRollback(ModelDetail model) {
    String what =
        model.previousChampion() == null
            ? "Version "
                + model.champion()
                + " stops being the champion; the model has no champion after it."
            : "Version "
                + model.previousChampion()
                + " becomes the champion again in place of version "
                + model.champion()
                + ".";
    ConfirmDialog confirm =
        new ConfirmDialog(
            "Roll back the champion of " + model.name() + "?",
            what,
            "Roll back",
            e -> {
              try {
                ModelDetail changed = models.rollback(tenant.slug(), name);
                refused.setVisible(false);
                render(changed);
                Toasts.success(
                    changed.champion() == null
                        ? name + " has no champion now."
                        : "Version "
                            + changed.champion()
                            + " is the champion of "
                            + name
                            + " again.");
              } catch (ConsoleException ex) {
                Toasts.error(ex.getMessage());
              }
            });
    confirm.setId("model-rollback-confirm");
    confirm.setCancelable(true);
    confirm.setConfirmButtonTheme("error primary");
    confirm.open();
  }
}
