package io.millwright.console.views.models;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.DatasetDetail;
import io.millwright.console.ports.DatasetDraft;
import io.millwright.console.ports.DatasetRow;
import io.millwright.console.ports.DatasetVersionRow;
import io.millwright.console.ports.HyperParameterInfo;
import io.millwright.console.ports.ModelTypeInfo;
import io.millwright.console.ports.RowsPreview;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TenantDatasets;
import io.millwright.console.ports.TrainingColumn;
import io.millwright.console.ports.TrainingDraft;
import io.millwright.console.ports.TrainingRunDetail;
import io.millwright.console.views.Components;
import io.millwright.tenancy.TenantRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wizard's steps against fake ports: what shows when, and that nothing typed is lost. */
class TrainModelViewTest {

  static final HyperParameterInfo EPOCHS =
      new HyperParameterInfo(
          "epochs", "Epochs", "", HyperParameterInfo.Type.INTEGER, "40", 1.0, 500.0, List.of());

  static final List<ModelTypeInfo> TYPES =
      List.of(
          new ModelTypeInfo(
              "tabular-mlp",
              "Neural network for tables (MLP)",
              "Predicts a category or a number.",
              "1.0.0",
              List.of("binary-classification", "multiclass-classification", "regression"),
              List.of("number", "category"),
              List.of(EPOCHS),
              "model-tabular",
              "1.0.0",
              true,
              false),
          new ModelTypeInfo(
              "forecast-mlp",
              "Neural network for time series",
              "Forecasts a number over time.",
              "1.0.0",
              List.of("forecasting"),
              List.of("number", "timestamp"),
              List.of(
                  EPOCHS,
                  new HyperParameterInfo(
                      "lags",
                      "Lags",
                      "",
                      HyperParameterInfo.Type.INTEGER,
                      "24",
                      1.0,
                      200.0,
                      List.of())),
              "model-forecasting",
              "1.0.0",
              true,
              false),
          new ModelTypeInfo(
              "torchscript",
              "Your own model (TorchScript)",
              "Imports a trained TorchScript file.",
              "1.0.0",
              List.of("regression"),
              List.of("number"),
              List.of(),
              "model-torchscript",
              "1.0.0",
              true,
              true));

  static final List<TrainingColumn> COLUMNS =
      List.of(
          new TrainingColumn("at", "timestamp", List.of()),
          new TrainingColumn(
              "plan", "string", List.of("multiclass-classification", "binary-classification")),
          new TrainingColumn("units", "decimal", List.of("regression", "forecasting")));

  private final List<TrainingDraft> sent = new ArrayList<>();
  private ConsoleException refusal;
  private TrainModelView view;

  @BeforeEach
  void openTheWizard() {
    UI.setCurrent(new UI()); // for the notifications
    view = new TrainModelView(null, new Models(), new FakeDatasets());
    view.show(new TenantChoice("acme", "Acme", Set.of(TenantRole.ANALYST)), null, null);
  }

  @AfterEach
  void forgetTheUi() {
    UI.setCurrent(null);
  }

  private <T extends Component> T find(String id) {
    return Components.find(view, id);
  }

  private static boolean shown(Component c) {
    return Components.shown(c);
  }

  @Test
  void eachStepShowsOnceTheOneBeforeIsChosen() {
    assertThat(shown(find("train-target"))).isFalse();
    assertThat(shown(find("train-model-type"))).isFalse();

    this.<ComboBox<String>>find("train-dataset").setValue("demand");
    assertThat(shown(find("train-target"))).isTrue();
    assertThat(this.<ComboBox<String>>find("train-target").getListDataView().getItems())
        .as("a timestamp cannot be predicted")
        .containsExactly("plan", "units");
    // without a target only anomaly detection fits, and no type here learns it
    assertThat(shown(find("train-model-type"))).isFalse();

    this.<ComboBox<String>>find("train-target").setValue("units");
    Select<String> task = find("train-task");
    assertThat(task.getValue()).isEqualTo("regression");
    assertThat(this.<Select<ModelTypeInfo>>find("train-model-type").getValue().id())
        .isEqualTo("tabular-mlp");
    assertThat(shown(find("train-time-column"))).isFalse();
    assertThat(this.<TextField>find("hp-epochs").getValue()).isEqualTo("40");
    assertThat(shown(find("train-start"))).isTrue();

    task.setValue("forecasting");
    assertThat(shown(find("train-time-column"))).isTrue();
    assertThat(this.<ComboBox<String>>find("train-time-column").getValue())
        .as("the only timestamp is proposed")
        .isEqualTo("at");
    assertThat(this.<Select<ModelTypeInfo>>find("train-model-type").getValue().id())
        .isEqualTo("forecast-mlp");
    assertThat(this.<TextField>find("hp-lags").getValue()).isEqualTo("24");
  }

  @Test
  void aTypeThatImportsAModelAsksForItsFileAndOthersDoNot() {
    this.<ComboBox<String>>find("train-dataset").setValue("demand");
    this.<ComboBox<String>>find("train-target").setValue("units");
    assertThat(shown(find("train-model-file-step"))).as("tabular-mlp learns").isFalse();

    Select<ModelTypeInfo> type = find("train-model-type");
    type.setValue(
        type.getListDataView()
            .getItems()
            .filter(t -> t.id().equals("torchscript"))
            .findFirst()
            .orElseThrow());
    assertThat(shown(find("train-model-file-step"))).isTrue();
    assertThat(shown(find("train-model-file"))).isTrue();
  }

  @Test
  void changedSettingsSurviveAChangeOfTargetAndType() {
    this.<ComboBox<String>>find("train-dataset").setValue("demand");
    this.<ComboBox<String>>find("train-target").setValue("units");
    this.<TextField>find("hp-epochs").setValue("15");

    this.<ComboBox<String>>find("train-target").setValue("plan");
    assertThat(this.<TextField>find("hp-epochs").getValue()).isEqualTo("15");

    this.<ComboBox<String>>find("train-target").setValue("units");
    this.<Select<String>>find("train-task").setValue("forecasting");
    assertThat(this.<TextField>find("hp-epochs").getValue()).isEqualTo("15");
  }

  @Test
  void theDraftCarriesEveryChoiceAndARefusalIsMarkedWithoutLosingAnything() {
    this.<ComboBox<String>>find("train-dataset").setValue("demand");
    this.<ComboBox<String>>find("train-target").setValue("units");
    this.<Select<String>>find("train-task").setValue("forecasting");
    this.<TextField>find("hp-epochs").setValue("9000");
    this.<TextField>find("train-model-name").setValue("demand_forecast");
    this.<TextField>find("train-seed").setValue("7");
    refusal =
        new ConsoleException(
            "invalid",
            Map.of(
                "hyperParameters.epochs", "must be between 1 and 500",
                "model", "taken by another task"));

    this.<Button>find("train-start").click();

    assertThat(sent)
        .containsExactly(
            new TrainingDraft(
                "demand_forecast",
                "demand",
                "units",
                "forecasting",
                List.of(),
                "at",
                "time",
                "forecast-mlp",
                Map.of("epochs", "9000", "lags", "24"),
                7L,
                null));
    TextField epochs = find("hp-epochs");
    assertThat(epochs.isInvalid()).isTrue();
    assertThat(epochs.getErrorMessage()).isEqualTo("must be between 1 and 500");
    assertThat(epochs.getValue()).isEqualTo("9000");
    assertThat(((HasValidation) find("train-model-name")).isInvalid()).isTrue();
    assertThat(this.<TextField>find("train-model-name").getValue()).isEqualTo("demand_forecast");
  }

  @Test
  void theConsolesOwnAddressIsRefusedAsAModelNameBeforeAnythingIsSent() {
    this.<ComboBox<String>>find("train-dataset").setValue("demand");
    this.<ComboBox<String>>find("train-target").setValue("units");
    this.<TextField>find("train-model-name").setValue("train");
    this.<Button>find("train-start").click();
    assertThat(sent).isEmpty();
    assertThat(this.<TextField>find("train-model-name").isInvalid()).isTrue();
  }

  private final class Models extends FakeModels {
    @Override
    public List<ModelTypeInfo> types(String slug) {
      return TYPES;
    }

    @Override
    public List<TrainingColumn> columns(String slug, String dataset) {
      return COLUMNS;
    }

    @Override
    public TrainingRunDetail train(String slug, TrainingDraft draft) {
      sent.add(draft);
      throw refusal;
    }
  }

  private static final class FakeDatasets implements TenantDatasets {
    @Override
    public List<DatasetRow> list(String slug) {
      return List.of(
          new DatasetRow("demand", "", 1200, 5L, null, List.of()),
          new DatasetRow("customers", "", 10, 3L, null, List.of()));
    }

    @Override
    public DatasetDetail view(String slug, String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void create(String slug, DatasetDraft draft) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<DatasetVersionRow> versions(String slug, String name) {
      return List.of();
    }

    @Override
    public RowsPreview rows(String slug, String name, Long version, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public DatasetVersionRow rollback(String slug, String name, long version) {
      throw new UnsupportedOperationException();
    }
  }
}
