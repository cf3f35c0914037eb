package io.millwright.console.views.models;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.millwright.console.ports.HyperParameterInfo;
import io.millwright.console.ports.ModelTypeInfo;
import io.millwright.console.views.shell.FieldErrors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The hyperparameters of one model type, generated from its declaration: a field per setting of the
 * kind its type needs, its default filled in, what it does and its range as helper text. Numbers go
 * in text fields so that what was typed is sent as typed and the platform names a bad value,
 * instead of the browser silently dropping it. Each field's id is {@code hp-<name>}, and its
 * problems arrive as {@code hyperParameters.<name>}.
 */
final class HyperParameterForm extends FormLayout {

  /** Which field a hyperparameter gets. */
  enum Kind {
    TEXT,
    CHECKBOX,
    CHOICE
  }

  private record Field(
      HyperParameterInfo setting,
      Component component,
      HasValidation validation,
      Supplier<String> read,
      Consumer<String> write) {}

  private final ModelTypeInfo type;
  private final Map<String, Field> fields = new LinkedHashMap<>();

  HyperParameterForm(ModelTypeInfo type) {
    this.type = type;
    setId("hyperparameter-form");
    setResponsiveSteps(
        new ResponsiveStep("0", 1), new ResponsiveStep("40em", 2), new ResponsiveStep("70em", 3));
    for (HyperParameterInfo h : type.hyperParameters()) {
      Field field = field(h);
      field.component().setId("hp-" + ModelText.idPart(h.name()));
      field.component().getElement().setAttribute("data-hyperparameter", h.name());
      fields.put(h.name(), field);
      add(field.component());
    }
  }

  ModelTypeInfo type() {
    return type;
  }

  static Kind kind(HyperParameterInfo h) {
    return switch (h.type()) {
      case INTEGER, DECIMAL -> Kind.TEXT;
      case BOOLEAN -> Kind.CHECKBOX;
      case CHOICE -> Kind.CHOICE;
    };
  }

  private static Field field(HyperParameterInfo h) {
    String help = ModelText.help(h);
    return switch (kind(h)) {
      case TEXT -> {
        TextField f = new TextField(h.label());
        f.setHelperText(help);
        f.setValue(h.defaultValue());
        f.setAllowedCharPattern("[0-9eE.+-]");
        yield new Field(h, f, f, f::getValue, v -> f.setValue(v == null ? "" : v));
      }
      case CHECKBOX -> {
        Checkbox f = new Checkbox(h.label());
        f.setHelperText(help);
        f.setValue(Boolean.parseBoolean(h.defaultValue()));
        yield new Field(
            h, f, f, () -> String.valueOf(f.getValue()), v -> f.setValue(Boolean.parseBoolean(v)));
      }
      case CHOICE -> {
        ComboBox<String> f = new ComboBox<>(h.label());
        f.setItems(h.choices());
        f.setHelperText(help);
        f.setAllowCustomValue(false);
        f.setValue(h.defaultValue());
        yield new Field(
            h, f, f, f::getValue, v -> f.setValue(v != null && h.choices().contains(v) ? v : null));
      }
    };
  }

  /** Every setting as it will be sent, by name; an emptied field is sent empty and refused. */
  Map<String, String> values() {
    Map<String, String> values = new LinkedHashMap<>();
    fields.forEach(
        (name, f) -> {
          String v = f.read().get();
          values.put(name, v == null ? "" : v.strip());
        });
    return values;
  }

  /** The settings the person changed from the type's defaults. */
  Map<String, String> changed() {
    Map<String, String> changed = new LinkedHashMap<>();
    values()
        .forEach(
            (name, v) -> {
              if (!v.equals(fields.get(name).setting().defaultValue())) {
                changed.put(name, v);
              }
            });
    return changed;
  }

  /**
   * Fills in what the person changed for another model type into settings of the same name (the
   * epochs they chose stay when they switch types); everything else keeps this type's defaults.
   */
  void carryOver(Map<String, String> changed) {
    changed.forEach(
        (name, value) -> {
          Field f = fields.get(name);
          if (f != null) {
            f.write().accept(value);
          }
        });
  }

  /** Registers each field under {@code hyperParameters.<name>} for the platform's problems. */
  void registerWith(FieldErrors errors) {
    errors.unregisterPrefix("hyperParameters.");
    fields.forEach((name, f) -> errors.register("hyperParameters." + name, f.validation()));
  }
}
