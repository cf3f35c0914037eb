package io.millwright.console.views.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NewDatasetViewTest {

  @Test
  void partitioningSplitsAtCommasOutsideParentheses() {
    assertThat(NewDatasetView.partitions(" day(read_at), bucket(site, 16) ,site"))
        .containsExactly("day(read_at)", "bucket(site, 16)", "site");
    assertThat(NewDatasetView.partitions("  ")).isEmpty();
  }

  @Test
  void aSampleFileNameProposesAValidDatasetName() {
    assertThat(NewDatasetView.nameFrom("Meter Readings 2024.csv")).isEqualTo("meter_readings_2024");
    assertThat(NewDatasetView.nameFrom("2024-export.xlsx")).isEqualTo("dataset_2024_export");
  }
}
