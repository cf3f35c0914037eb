package io.millwright.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.console.ports.TenantModels;
import io.millwright.console.ports.TrainingEpoch;
import io.millwright.server.datasets.Column;
import io.millwright.server.glossary.DataType;
import io.millwright.server.models.ModelsResource;
import io.millwright.server.models.TrainingRequest;
import io.millwright.server.models.TrainingRunsResource;
import io.millwright.server.security.TenantRoles;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsoleModelsTest {

  private static Set<?> roles(Method method) {
    return Set.of(method.getAnnotation(TenantRoles.class).value());
  }

  @Test
  void theConsoleAdmitsTheRolesTheModelsApiAdmits() throws NoSuchMethodException {
    assertThat(TenantModels.TRAINERS)
        .isEqualTo(
            roles(
                TrainingRunsResource.class.getMethod("start", String.class, TrainingRequest.class)))
        .isEqualTo(
            roles(TrainingRunsResource.class.getMethod("cancel", String.class, String.class)));
    assertThat(TenantModels.PROMOTERS)
        .isEqualTo(
            roles(
                ModelsResource.class.getMethod(
                    "promote", String.class, String.class, ModelsResource.Promotion.class)))
        .isEqualTo(roles(ModelsResource.class.getMethod("rollback", String.class, String.class)));
  }

  private static Column column(DataType type, String... allowed) {
    return new Column(
        "c", type, null, null, null, false, false, null, null, null, List.of(allowed));
  }

  @Test
  void aTargetOffersTheTaskThePlatformInfersFirst() {
    assertThat(ModelRecords.targetTasks(column(DataType.BOOLEAN)))
        .containsExactly("binary-classification", "anomaly-detection");
    assertThat(ModelRecords.targetTasks(column(DataType.STRING, "yes", "no")))
        .containsExactly(
            "binary-classification", "multiclass-classification", "text-classification");
    assertThat(ModelRecords.targetTasks(column(DataType.STRING)))
        .containsExactly(
            "multiclass-classification", "binary-classification", "text-classification");
    assertThat(ModelRecords.targetTasks(column(DataType.DECIMAL)))
        .containsExactly("regression", "forecasting");
    assertThat(ModelRecords.targetTasks(column(DataType.TIMESTAMP))).isEmpty();
  }

  @Test
  void anEpochKeepsItsMetricsAndDropsWhatItCouldNotCompute() {
    Map<String, Object> stored = new LinkedHashMap<>();
    stored.put("epoch", new BigDecimal("3"));
    stored.put("epochs", new BigDecimal("40"));
    stored.put("loss", new BigDecimal("0.52"));
    stored.put("validation_loss", null);
    TrainingEpoch epoch = ModelRecords.epoch(stored);
    assertThat(epoch.epoch()).isEqualTo(3);
    assertThat(epoch.metrics()).containsExactly(Map.entry("loss", 0.52));
  }
}
