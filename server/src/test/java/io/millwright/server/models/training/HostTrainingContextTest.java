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
    long[] now = {5_000_000_000L};
    HostTrainingContext context =
        new HostTrainingContext(
            Device.CPU,
            Path.of("."),
            "test",
            stored::add,
            () -> false,
            () -> false,
            null,
            () -> now[0]);
    now[0] += 2_500_000_000L; // the type prepares its data, then trains the first epoch
    context.epochDone(1, 2, Map.of("loss", 0.5));
    now[0] += 750_000_000L;
    context.epochDone(2, 2, Map.of("loss", 0.4));

    List<Map<String, Object>> epochs = stored.get(1).epochs();
    assertThat(epochs).hasSize(2);
    assertThat(epochs.get(0)).containsEntry("epoch", 1).containsEntry("loss", 0.5);
    double first = (Double) epochs.get(0).get("seconds");
    double second = (Double) epochs.get(1).get("seconds");
    assertThat(first).as("since the type was handed the data").isEqualTo(2.5);
    assertThat(second).as("since the first epoch, not since the start").isEqualTo(0.75);
  }

  @Test
  void cancellationIsAskedOfTheDatabaseAtMostOnceASecondAndStoppingAtOnce() {
    long[] now = {0};
    int[] asked = {0};
    boolean[] stopping = {false};
    HostTrainingContext context =
        new HostTrainingContext(
            Device.CPU,
            Path.of("."),
            "test",
            p -> {},
            () -> {
              asked[0]++;
              return false;
            },
            () -> stopping[0],
            null,
            () -> now[0]);
    for (int batch = 0; batch < 1_000; batch++) {
      now[0] += 10_000_000L; // 10 ms per mini-batch: ten seconds in all
      assertThat(context.cancelled()).isFalse();
    }
    assertThat(asked[0]).as("about once a second over ten seconds").isBetween(9, 10);
    stopping[0] = true;
    assertThat(context.cancelled()).as("the node stopping needs no database").isTrue();
  }
}
