package io.millwright.console.views.models;

import static io.millwright.console.views.Components.find;
import static io.millwright.console.views.Components.shown;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.millwright.console.ports.TenantChoice;
import io.millwright.console.ports.TrainingEpoch;
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

class TrainingRunViewTest {

  static final TenantChoice ANALYST = new TenantChoice("acme", "Acme", Set.of(TenantRole.ANALYST));
  static final TenantChoice AUDITOR = new TenantChoice("acme", "Acme", Set.of(TenantRole.AUDITOR));

  private final List<String> cancelled = new ArrayList<>();
  private TrainingRunDetail current;

  private final FakeModels models =
      new FakeModels() {
        @Override
        public TrainingRunDetail run(String slug, String id) {
          return current;
        }

        @Override
        public TrainingRunDetail cancel(String slug, String id) {
          cancelled.add(id);
          return current;
        }
      };

  @BeforeEach
  void ui() {
    UI.setCurrent(new UI()); // for the notifications
  }

  @AfterEach
  void forgetTheUi() {
    UI.setCurrent(null);
  }

  private static List<TrainingEpoch> epochs(int n) {
    List<TrainingEpoch> epochs = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      epochs.add(new TrainingEpoch(i, Map.of("loss", 1.0 / i, "validation_loss", 1.2 / i)));
    }
    return epochs;
  }

  @Test
  void aRunningRunShowsItsProgressCurvesAndCancelForTrainers() {
    current = ModelTextTest.run("running", 0, null, epochs(12), 40, Map.of(), Map.of());
    TrainingRunView view = new TrainingRunView(null, models);
    view.show(ANALYST, "0b6e");

    assertThat(find(view, "run-status").getElement().getAttribute("data-status"))
        .isEqualTo("running");
    ProgressBar progress = find(view, "run-progress");
    assertThat(progress.getValue()).isEqualTo(0.3);
    assertThat(progress.isIndeterminate()).isFalse();
    assertThat(find(view, "run-curves").getElement().getProperty("innerHTML"))
        .startsWith("<svg")
        .contains("data-metric=\"loss\"", "data-metric=\"validation_loss\"");
    assertThat(shown(find(view, "run-queue"))).isFalse();
    assertThat(shown(find(view, "run-metrics"))).isFalse();

    Button cancel = find(view, "run-cancel");
    assertThat(shown(cancel)).isTrue();
    cancel.click();
    assertThat(cancelled).containsExactly("0b6e");
  }

  @Test
  void aQueuedRunSaysWhereItStandsAndAReaderCannotCancelIt() {
    current =
        ModelTextTest.run(
            "queued", 3, "waiting for a free job slot", List.of(), null, Map.of(), Map.of());
    TrainingRunView view = new TrainingRunView(null, models);
    view.show(AUDITOR, "0b6e");
    assertThat(find(view, "run-queue").getElement().getText())
        .isEqualTo("Number 3 in the queue: waiting for a free job slot.");
    assertThat(shown(find(view, "run-queue"))).isTrue();
    assertThat(find(view, "run-curves").getElement().getProperty("innerHTML"))
        .contains("No epoch has finished yet");
    assertThat(Components.exists(view, "run-cancel")).isFalse();
  }

  @Test
  void aFinishedRunShowsItsMetricsBesideTheBaselineAndOffersNoCancel() {
    current =
        ModelTextTest.run(
            "succeeded", 0, null, epochs(4), 4, Map.of("accuracy", 0.9), Map.of("accuracy", 0.6));
    TrainingRunView view = new TrainingRunView(null, models);
    view.show(ANALYST, "0b6e");
    Grid<ModelText.MetricLine> metrics = find(view, "run-metrics");
    assertThat(shown(metrics)).isTrue();
    assertThat(metrics.getListDataView().getItems())
        .containsExactly(new ModelText.MetricLine("accuracy (primary)", "0.9", "0.6", "better"));
    assertThat(((Button) find(view, "run-cancel")).isVisible()).isFalse();
    assertThat(((ProgressBar) find(view, "run-progress")).getValue()).isEqualTo(1.0);
  }
}
