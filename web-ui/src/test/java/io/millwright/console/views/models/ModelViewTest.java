package io.millwright.console.views.models;

import static io.millwright.console.views.Components.exists;
import static io.millwright.console.views.Components.find;
import static io.millwright.console.views.Components.shown;
import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.UI;
import io.millwright.console.ports.ConsoleException;
import io.millwright.console.ports.ModelDetail;
import io.millwright.console.ports.ModelVersionRow;
import io.millwright.console.ports.TenantChoice;
import io.millwright.tenancy.TenantRole;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelViewTest {

  static final TenantChoice ENGINEER =
      new TenantChoice("acme", "Acme", Set.of(TenantRole.DATA_ENGINEER));
  static final TenantChoice ANALYST = new TenantChoice("acme", "Acme", Set.of(TenantRole.ANALYST));

  static ModelVersionRow version(int n, double accuracy) {
    return new ModelVersionRow(
        n,
        "run-" + n,
        "tabular-mlp",
        "1.0.0",
        "model-tabular",
        "1.0.0",
        "customers",
        100L + n,
        Map.of("epochs", "40"),
        42L,
        Map.of("accuracy", accuracy),
        Map.of("accuracy", 0.6),
        "sha" + n,
        Instant.parse("2026-11-30T08:00:00Z"),
        "Ana");
  }

  static final ModelDetail CHURN =
      new ModelDetail(
          "churn",
          "binary-classification",
          "accuracy",
          true,
          2,
          1,
          2,
          null,
          Instant.parse("2026-11-30T08:00:00Z"),
          "Ana",
          List.of(version(2, 0.9), version(1, 0.8)),
          false,
          List.of());

  private ConsoleException refusal;

  private final FakeModels models =
      new FakeModels() {
        @Override
        public ModelDetail model(String slug, String name) {
          return CHURN;
        }

        @Override
        public ModelDetail promote(String slug, String name, int version, String reason) {
          throw refusal;
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

  @Test
  void promotersMayPromoteEveryVersionButTheChampionAndRollBack() {
    ModelView view = new ModelView(null, models);
    view.show(ENGINEER, "churn");
    assertThat(find(view, "model-champion").getElement().getAttribute("data-version"))
        .isEqualTo("1");
    assertThat(find(view, "model-challenger").getElement().getAttribute("data-version"))
        .isEqualTo("2");
    assertThat(exists(view, "model-rollback")).isTrue();
    assertThat(find(view, "lineage-2").getElement().getText())
        .startsWith("Version 2: Trained on customers@102 with tabular-mlp 1.0.0");
    assertThat(exists(view, "model-versions")).isTrue();
  }

  @Test
  void readersSeeNoPromotionOrRollback() {
    ModelView view = new ModelView(null, models);
    view.show(ANALYST, "churn");
    assertThat(exists(view, "model-rollback")).isFalse();
  }

  @Test
  void aGateRefusalIsSaidInItsOwnWordsOnThePage() {
    ModelView view = new ModelView(null, models);
    view.show(ENGINEER, "churn");
    assertThat(shown(find(view, "promote-refused"))).isFalse();
    refusal =
        new ConsoleException(
            "Version 2 has accuracy 0.9; the champion (version 1) has 0.8, and a new champion must"
                + " be better by 1.0 %.");
    view.promote(2, "better recall");
    assertThat(shown(find(view, "promote-refused"))).isTrue();
    assertThat(find(view, "promote-refused").getElement().getText())
        .isEqualTo(
            "Version 2 was not made the champion: Version 2 has accuracy 0.9; the champion"
                + " (version 1) has 0.8, and a new champion must be better by 1.0 %.");
  }
}
