package io.millwright.server.models.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.model.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostTrainingContextTest {

  @Test
  void everyStoredEpochCarriesTheWallSecondsSinceThePreviousOne() throws Exception {
    List<HostTrainingContext.Progress> stored = new ArrayList<>();
    HostTrainingContext context =
        new HostTrainingContext(
            Device.CPU, Path.of("."), "test", stored::add, () -> false, () -> false, null);
    Thread.sleep(100);
    context.epochDone(1, 2, Map.of("loss", 0.5));
    context.epochDone(2, 2, Map.of("loss", 0.4));

    List<Map<String, Object>> epochs = stored.get(1).epochs();
    assertThat(epochs).hasSize(2);
    assertThat(epochs.get(0)).containsEntry("epoch", 1).containsEntry("loss", 0.5);
    double first = (Double) epochs.get(0).get("seconds");
    double second = (Double) epochs.get(1).get("seconds");
    assertThat(first).as("since the type was handed the data").isGreaterThanOrEqualTo(0.1);
    assertThat(second).as("since the first epoch, not since the start").isLessThan(first);
  }
}
