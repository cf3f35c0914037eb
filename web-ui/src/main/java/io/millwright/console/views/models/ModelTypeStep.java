package io.millwright.console.views.models;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import io.millwright.console.ports.ModelTypeInfo;
import io.millwright.console.views.shell.FieldErrors;
import java.util.List;
import java.util.Map;

/**
 * The wizard's model type and its hyperparameters: a choice among the types that learn the task,
 * the chosen type's description, and a settings form generated from its declaration. The settings
 * the person changed are kept when the type changes (even across a task no type learns), so a
 * chosen number of epochs is not lost by trying another target.
 */
final class ModelTypeStep {

  private final Select<ModelTypeInfo> select = new Select<>();
  private final Paragraph about = new Paragraph();
  private final Div settings = new Div();
  private final FieldErrors errors;
  private final Runnable afterChange;
  private HyperParameterForm form;
  private Map<String, String> carried = Map.of();
  private boolean offering;

  /**
   * @param errors where the settings' problems ({@code hyperParameters.<name>}) are marked
   * @param afterChange told when the person chooses another type
   */
  ModelTypeStep(FieldErrors errors, Runnable afterChange) {
    this.errors = errors;
    this.afterChange = afterChange;
    select.setId("train-model-type");
    select.setLabel("Model type");
    select.setItemLabelGenerator(t -> t.name() + " (" + t.id() + ")");
    select.setWidth("24rem");
    select.addValueChangeListener(
        e -> {
          // Re-offering the items clears the value first; only a person's choice counts here.
          if (!offering) {
            build(e.getValue());
            afterChange.run();
          }
        });
    about.setId("train-model-type-about");
    settings.setId("train-hyperparameters");
    settings.setWidthFull();
    errors.register("modelType", select);
  }

  Select<ModelTypeInfo> select() {
    return select;
  }

  Paragraph about() {
    return about;
  }

  Div settings() {
    return settings;
  }

  ModelTypeInfo chosen() {
    return select.getValue();
  }

  /** The settings to send; empty without a type. */
  Map<String, String> values() {
    return form == null ? Map.of() : form.values();
  }

  /** Offers the types that learn the task, keeping the chosen one if it still does. */
  void offer(List<ModelTypeInfo> fitting) {
    ModelTypeInfo kept = select.getValue();
    ModelTypeInfo keep =
        kept == null
            ? null
            : fitting.stream().filter(t -> t.id().equals(kept.id())).findFirst().orElse(null);
    offering = true;
    try {
      select.setItems(fitting);
      select.setValue(keep != null ? keep : fitting.isEmpty() ? null : fitting.get(0));
    } finally {
      offering = false;
    }
    ModelTypeInfo now = select.getValue();
    if (now == null || form == null || !form.type().id().equals(now.id())) {
      build(now);
    }
  }

  private void build(ModelTypeInfo chosen) {
    if (form != null) {
      carried = form.changed();
    }
    settings.removeAll();
    if (chosen == null) {
      about.setText("");
      errors.unregisterPrefix("hyperParameters.");
      form = null;
      return;
    }
    about.setText(
        chosen.description()
            + " Version "
            + chosen.version()
            + " (plugin "
            + chosen.plugin()
            + " "
            + chosen.pluginVersion()
            + "); learns from "
            + String.join(", ", chosen.featureKinds())
            + " columns.");
    form = new HyperParameterForm(chosen);
    form.carryOver(carried);
    form.registerWith(errors);
    settings.add(form);
    if (chosen.hyperParameters().isEmpty()) {
      settings.add(new Paragraph("This model type has no settings."));
    }
  }
}
