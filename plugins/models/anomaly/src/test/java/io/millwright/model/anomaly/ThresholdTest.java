package io.millwright.model.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ThresholdTest {

  @Test
  void theQuantileInterpolatesBetweenTheNearestErrorsLikeNumpy() {
    Threshold t = new Threshold(1L);
    for (double e : new double[] {5, 1, 4, 2, 3}) {
      t.add(e);
    }
    assertThat(t.count()).isEqualTo(5);
    assertThat(t.quantile(0.5)).isEqualTo(3.0);
    assertThat(t.quantile(0.9)).isCloseTo(4.6, offset(1e-12)); // numpy.quantile([1..5], 0.9)
    assertThat(t.quantile(0.9999)).isCloseTo(4.9996, offset(1e-12));
  }

  @Test
  void itIsNeverZero() {
    Threshold t = new Threshold(1L);
    t.add(0);
    t.add(0);
    assertThat(t.quantile(0.98)).isEqualTo(Threshold.FLOOR);
  }

  @Test
  void beyondItsSampleItEstimatesFromAUniformSampleTheSameWayEveryTime() {
    double[] estimates = new double[2];
    for (int run = 0; run < 2; run++) {
      Threshold t = new Threshold(7L, 2_000);
      Random values = new Random(3);
      for (int i = 0; i < 100_000; i++) {
        t.add(values.nextDouble());
      }
      assertThat(t.count()).isEqualTo(100_000);
      estimates[run] = t.quantile(0.98);
    }
    assertThat(estimates[0]).isCloseTo(0.98, offset(0.01)).isEqualTo(estimates[1]);
  }
}
