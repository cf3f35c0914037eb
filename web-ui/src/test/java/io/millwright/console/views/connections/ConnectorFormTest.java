package io.millwright.console.views.connections;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.millwright.console.ports.ConnectorInfo;
import io.millwright.console.ports.ConnectorOption;
import io.millwright.console.ports.ConnectorOption.Type;
import io.millwright.console.views.shell.FieldErrors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectorFormTest {

  static ConnectorOption option(
      String name, Type type, boolean required, String def, boolean secret, String... choices) {
    return new ConnectorOption(
        name, name + " label", name + " help", type, required, def, secret, List.of(choices));
  }

  static final ConnectorInfo JDBC =
      new ConnectorInfo(
          "jdbc",
          "Database (JDBC)",
          "Reads tables",
          "1.0.0",
          List.of("poll"),
          List.of(
              option("url", Type.URI, true, null, false),
              option("password", Type.TEXT, false, null, true),
              option("query", Type.MULTILINE_TEXT, false, null, false),
              option("fetchSize", Type.INTEGER, false, "5000", false),
              option("ssl", Type.BOOLEAN, false, "true", false),
              option("mode", Type.CHOICE, false, "fast", false, "fast", "safe"),
              option("queryTimeout", Type.DURATION, false, "5m", false)),
          "jdbc",
          "1.0.0",
          true);

  private static Component field(ConnectorForm form, String option) {
    return form.getChildren()
        .filter(c -> c.getId().orElse("").equals("config-" + option))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void eachOptionGetsTheFieldItsTypeNeeds() {
    ConnectorForm form = new ConnectorForm(JDBC);
    assertThat(field(form, "url")).isInstanceOf(TextField.class);
    assertThat(field(form, "password")).isInstanceOf(PasswordField.class);
    assertThat(field(form, "query")).isInstanceOf(TextArea.class);
    assertThat(field(form, "fetchSize")).isInstanceOf(IntegerField.class);
    assertThat(field(form, "ssl")).isInstanceOf(Checkbox.class);
    assertThat(field(form, "mode")).isInstanceOf(ComboBox.class);
    assertThat(field(form, "queryTimeout")).isInstanceOf(TextField.class);
  }

  @Test
  void defaultsArePrefilledAndHelpIsShown() {
    ConnectorForm form = new ConnectorForm(JDBC);
    assertThat(((IntegerField) field(form, "fetchSize")).getValue()).isEqualTo(5000);
    assertThat(((Checkbox) field(form, "ssl")).getValue()).isTrue();
    assertThat(((TextField) field(form, "queryTimeout")).getValue()).isEqualTo("5m");
    assertThat(((TextField) field(form, "queryTimeout")).getHelperText())
        .startsWith("queryTimeout help")
        .contains("PT10M");
    assertThat(((PasswordField) field(form, "password")).getHelperText())
        .contains("never shown again");
    assertThat(((TextField) field(form, "url")).isRequiredIndicatorVisible()).isTrue();
  }

  @Test
  void blankValuesAreLeftOutAndTheRestAreSent() {
    ConnectorForm form = new ConnectorForm(JDBC);
    ((TextField) field(form, "url")).setValue(" jdbc:postgresql://127.0.0.1:5432/test ");
    assertThat(form.values())
        .containsEntry("url", "jdbc:postgresql://127.0.0.1:5432/test")
        .containsEntry("fetchSize", "5000")
        .containsEntry("ssl", "true")
        .containsEntry("mode", "fast")
        .doesNotContainKeys("password", "query");
  }

  @Test
  void whatWasTypedCarriesOverToSameNamedOptionsButSecretsDoNot() {
    ConnectorForm form = new ConnectorForm(JDBC);
    form.carryOver(Map.of("url", "jdbc:x", "password", "hunter2", "unknown", "v"));
    assertThat(form.values()).containsEntry("url", "jdbc:x").doesNotContainKey("password");
  }

  @Test
  void problemsLandOnTheirOptions() {
    ConnectorForm form = new ConnectorForm(JDBC);
    FieldErrors errors = new FieldErrors();
    form.registerWith(errors);
    List<String> unshown =
        errors.show(Map.of("config.url", "is required", "writeMode", "append or replace"));
    TextField url = (TextField) field(form, "url");
    assertThat(url.isInvalid()).isTrue();
    assertThat(url.getErrorMessage()).isEqualTo("is required");
    assertThat(unshown).containsExactly("writeMode: append or replace");
    errors.clear();
    assertThat(url.isInvalid()).isFalse();
  }
}
