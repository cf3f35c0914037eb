package io.millwright.console.views.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.textfield.TextField;
import io.millwright.console.ports.HyperParameterInfo;
import io.millwright.console.ports.HyperParameterInfo.Type;
import io.millwright.console.ports.ModelTypeInfo;
import io.millwright.console.views.shell.FieldErrors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HyperParameterFormTest {

  static ModelTypeInfo type(String id, HyperParameterInfo... settings) {
    return new ModelTypeInfo(
        id,
        id,
        "",
        "1.0.0",
        List.of("regression"),
        List.of("number"),
        List.of(settings),
        id,
        "1.0.0",
        true,
        false);
  }

  static final HyperParameterInfo EPOCHS =
      new HyperParameterInfo(
          "epochs", "Epochs", "Passes", Type.INTEGER, "40", 1.0, 500.0, List.of());
  static final HyperParameterInfo RATE =
      new HyperParameterInfo(
          "learning_rate", "Learning rate", "", Type.DECIMAL, "0.001", 0.00001, 1.0, List.of());
  static final HyperParameterInfo LAYERS =
      new HyperParameterInfo(
          "hidden_layers",
          "Hidden layers",
          "",
          Type.CHOICE,
          "64,32",
          null,
          null,
          List.of("32", "64,32"));
  static final HyperParameterInfo EARLY =
      new HyperParameterInfo(
          "early_stopping", "Early stopping", "", Type.BOOLEAN, "true", null, null, List.of());

  static final ModelTypeInfo MLP = type("tabular-mlp", EPOCHS, RATE, LAYERS, EARLY);

  private static Component field(HyperParameterForm form, String name) {
    return form.getChildren()
        .filter(c -> c.getId().orElse("").equals("hp-" + name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void eachSettingGetsAFieldOfItsKindWithItsDefaultAndRange() {
    HyperParameterForm form = new HyperParameterForm(MLP);
    assertThat(field(form, "epochs")).isInstanceOf(TextField.class);
    assertThat(field(form, "learning_rate")).isInstanceOf(TextField.class);
    assertThat(field(form, "hidden_layers")).isInstanceOf(ComboBox.class);
    assertThat(field(form, "early_stopping")).isInstanceOf(Checkbox.class);
    TextField epochs = (TextField) field(form, "epochs");
    assertThat(epochs.getValue()).isEqualTo("40");
    assertThat(epochs.getHelperText())
        .isEqualTo("Passes. A whole number from 1 to 500; default 40.");
    assertThat(form.values())
        .containsExactly(
            Map.entry("epochs", "40"),
            Map.entry("learning_rate", "0.001"),
            Map.entry("hidden_layers", "64,32"),
            Map.entry("early_stopping", "true"));
    assertThat(form.changed()).isEmpty();
  }

  @Test
  void whatWasTypedIsSentAsTypedSoThePlatformCanNameABadValue() {
    HyperParameterForm form = new HyperParameterForm(MLP);
    ((TextField) field(form, "epochs")).setValue("9000");
    ((TextField) field(form, "learning_rate")).setValue("");
    assertThat(form.values()).containsEntry("epochs", "9000").containsEntry("learning_rate", "");
    assertThat(form.changed()).containsOnlyKeys("epochs", "learning_rate");
  }

  @Test
  void switchingTypesKeepsTheSettingsThePersonChanged() {
    HyperParameterForm mlp = new HyperParameterForm(MLP);
    ((TextField) field(mlp, "epochs")).setValue("15");
    HyperParameterForm forecast =
        new HyperParameterForm(
            type(
                "forecast-mlp",
                new HyperParameterInfo(
                    "epochs", "Epochs", "", Type.INTEGER, "60", 1.0, 500.0, List.of()),
                new HyperParameterInfo(
                    "lags", "Lags", "", Type.INTEGER, "24", 1.0, 200.0, List.of())));
    forecast.carryOver(mlp.changed());
    assertThat(forecast.values()).containsEntry("epochs", "15").containsEntry("lags", "24");
  }

  @Test
  void theProblemsOfASettingAreMarkedOnItsField() {
    HyperParameterForm form = new HyperParameterForm(MLP);
    FieldErrors errors = new FieldErrors();
    form.registerWith(errors);
    List<String> unshown =
        errors.show(
            Map.of(
                "hyperParameters.epochs", "must be between 1 and 500",
                "hyperParameters.momentum", "not a setting of tabular-mlp"));
    TextField epochs = (TextField) field(form, "epochs");
    assertThat(epochs.isInvalid()).isTrue();
    assertThat(epochs.getErrorMessage()).isEqualTo("must be between 1 and 500");
    assertThat(unshown).containsExactly("hyperParameters.momentum: not a setting of tabular-mlp");
  }
}
