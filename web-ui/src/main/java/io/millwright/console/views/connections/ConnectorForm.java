package io.millwright.console.views.connections;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.millwright.console.ports.ConnectorInfo;
import io.millwright.console.ports.ConnectorOption;
import io.millwright.console.views.shell.FieldErrors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The configuration form of one connector, generated from its options: a field per option of the
 * kind its type needs, its help as helper text, its default filled in, secrets in password fields.
 * Each field's id is {@code config-<option>}, and its problems arrive as {@code config.<option>}.
 */
final class ConnectorForm extends FormLayout {

  /** Which field an option gets. */
  enum Kind {
    TEXT,
    TEXT_AREA,
    INTEGER,
    CHECKBOX,
    CHOICE,
    PASSWORD
  }

  private record Field(
      ConnectorOption option,
      Component component,
      HasValidation validation,
      Supplier<String> read,
      Consumer<String> write) {}

  private final ConnectorInfo connector;
  private final Map<String, Field> fields = new LinkedHashMap<>();

  ConnectorForm(ConnectorInfo connector) {
    this.connector = connector;
    setId("connector-form");
    setResponsiveSteps(
        new ResponsiveStep("0", 1), new ResponsiveStep("40em", 2), new ResponsiveStep("70em", 3));
    for (ConnectorOption option : connector.options()) {
      Field field = field(option);
      field.component().setId("config-" + ConnectionText.idPart(option.name()));
      field.component().getElement().setAttribute("data-option", option.name());
      fields.put(option.name(), field);
      add(field.component());
      if (field.component() instanceof TextArea) {
        setColspan(field.component(), 3);
      }
    }
  }

  ConnectorInfo connector() {
    return connector;
  }

  static Kind kind(ConnectorOption o) {
    if (o.secret()) {
      return Kind.PASSWORD;
    }
    return switch (o.type()) {
      case MULTILINE_TEXT -> Kind.TEXT_AREA;
      case INTEGER -> Kind.INTEGER;
      case BOOLEAN -> Kind.CHECKBOX;
      case CHOICE -> Kind.CHOICE;
      case TEXT, DURATION, URI -> Kind.TEXT;
    };
  }

  /** The label a person reads: required options without a default are marked as such. */
  static boolean mustBeGiven(ConnectorOption o) {
    return o.required() && (o.defaultValue() == null || o.defaultValue().isBlank());
  }

  private static Field field(ConnectorOption o) {
    String label = o.label();
    String help = helpOf(o);
    return switch (kind(o)) {
      case PASSWORD -> {
        PasswordField f = new PasswordField(label);
        f.setHelperText(help);
        f.setRequiredIndicatorVisible(mustBeGiven(o));
        f.setRevealButtonVisible(false);
        yield new Field(o, f, f, f::getValue, v -> f.setValue(v == null ? "" : v));
      }
      case TEXT_AREA -> {
        TextArea f = new TextArea(label);
        f.setHelperText(help);
        f.setRequiredIndicatorVisible(mustBeGiven(o));
        f.setWidthFull();
        f.setValue(orEmpty(o.defaultValue()));
        yield new Field(o, f, f, f::getValue, v -> f.setValue(v == null ? "" : v));
      }
      case INTEGER -> {
        IntegerField f = new IntegerField(label);
        f.setHelperText(help);
        f.setRequiredIndicatorVisible(mustBeGiven(o));
        f.setValue(integer(o.defaultValue()));
        yield new Field(
            o,
            f,
            f,
            () -> f.getValue() == null ? null : String.valueOf(f.getValue()),
            v -> f.setValue(integer(v)));
      }
      case CHECKBOX -> {
        Checkbox f = new Checkbox(label);
        f.setHelperText(help);
        f.setValue(Boolean.parseBoolean(o.defaultValue()));
        yield new Field(
            o, f, f, () -> String.valueOf(f.getValue()), v -> f.setValue(Boolean.parseBoolean(v)));
      }
      case CHOICE -> {
        ComboBox<String> f = new ComboBox<>(label);
        f.setItems(o.choices());
        f.setHelperText(help);
        f.setRequiredIndicatorVisible(mustBeGiven(o));
        f.setAllowCustomValue(false);
        if (o.defaultValue() != null && o.choices().contains(o.defaultValue())) {
          f.setValue(o.defaultValue());
        }
        yield new Field(
            o, f, f, f::getValue, v -> f.setValue(v != null && o.choices().contains(v) ? v : null));
      }
      case TEXT -> {
        TextField f = new TextField(label);
        f.setHelperText(help);
        f.setRequiredIndicatorVisible(mustBeGiven(o));
        f.setValue(orEmpty(o.defaultValue()));
        yield new Field(o, f, f, f::getValue, v -> f.setValue(v == null ? "" : v));
      }
    };
  }

  /** The option's help, with the example spelling of a duration, which people get wrong. */
  static String helpOf(ConnectorOption o) {
    String help = o.help() == null ? "" : o.help();
    if (o.type() == ConnectorOption.Type.DURATION && !help.contains("PT")) {
      help = (help + " A duration such as 30s, 5m or PT10M.").strip();
    }
    if (o.secret()) {
      help = (help + " Stored encrypted; never shown again.").strip();
    }
    return help;
  }

  /** The values to send: blank ones are left out (the connector's default applies). */
  Map<String, String> values() {
    Map<String, String> values = new LinkedHashMap<>();
    fields.forEach(
        (name, f) -> {
          String v = f.read().get();
          if (v != null && !v.isBlank()) {
            values.put(name, f.option().secret() ? v : v.strip());
          }
        });
    return values;
  }

  /**
   * Fills in what was typed for another connector into options of the same name, so switching
   * connectors keeps it; secrets are never carried over.
   */
  void carryOver(Map<String, String> typed) {
    typed.forEach(
        (name, value) -> {
          Field f = fields.get(name);
          if (f != null && !f.option().secret()) {
            f.write().accept(value);
          }
        });
  }

  /** Registers each field under {@code config.<option>} for the platform's problems. */
  void registerWith(FieldErrors errors) {
    errors.unregisterPrefix("config.");
    fields.forEach((name, f) -> errors.register("config." + name, f.validation()));
  }

  private static Integer integer(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
