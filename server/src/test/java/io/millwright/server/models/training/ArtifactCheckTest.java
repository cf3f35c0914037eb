package io.millwright.server.models.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.model.Predictions;
import org.junit.jupiter.api.Test;

class ArtifactCheckTest {

  @Test
  void identicalPredictionsAgree() {
    assertThat(
            ArtifactCheck.difference(
                Predictions.labels(new String[] {"a", "b"}, new double[] {0.9, 0.6}),
                Predictions.labels(new String[] {"a", "b"}, new double[] {0.9, 0.6})))
        .isNull();
    assertThat(
            ArtifactCheck.difference(
                Predictions.values(new double[] {1.5, Double.NaN}),
                Predictions.values(new double[] {1.5 + 1e-9, Double.NaN})))
        .isNull();
  }

  @Test
  void aDifferentLabelValueOrVerdictIsNamedWithItsRow() {
    assertThat(
            ArtifactCheck.difference(
                Predictions.labels(new String[] {"a", "b"}, new double[] {0.9, 0.6}),
                Predictions.labels(new String[] {"a", "a"}, new double[] {0.9, 0.6})))
        .isEqualTo("row 1: b against a");
    assertThat(
            ArtifactCheck.difference(
                Predictions.values(new double[] {1.5, 2.0}),
                Predictions.values(new double[] {1.5, 2.1})))
        .isEqualTo("row 1: 2.0 against 2.1");
    assertThat(
            ArtifactCheck.difference(
                Predictions.anomalies(new double[] {0.1}, new boolean[] {true}),
                Predictions.anomalies(new double[] {0.1}, new boolean[] {false})))
        .contains("flagged true against false");
    assertThat(
            ArtifactCheck.difference(
                Predictions.values(new double[] {1}), Predictions.values(new double[] {1, 2})))
        .isEqualTo("1 predictions against 2");
  }
}
