package io.millwright.server.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiCompatibilityTest {

  @Test
  void aPluginBuiltForAnOlderMinorRunsAndANewerOrOtherMajorIsRefused() {
    assertThat(ApiCompatibility.problem("1.0.0", "1.1.0")).isNull();
    assertThat(ApiCompatibility.problem("1.1.0", "1.1.0")).isNull();
    assertThat(ApiCompatibility.problem("1.2.0", "1.1.0")).contains("newer than the 1.1.0");
    assertThat(ApiCompatibility.problem("2.0.0", "1.1.0")).contains("major versions differ");
    assertThat(ApiCompatibility.problem("0.9.0", "1.1.0")).contains("major versions differ");
  }

  @Test
  void rangesAreReadAsPf4jWritesThem() {
    assertThat(ApiCompatibility.problem(">=1.0.0 & <2.0.0", "1.1.0")).isNull();
    assertThat(ApiCompatibility.problem(">=1.2.0", "1.1.0")).contains(">=1.2.0");
    assertThat(ApiCompatibility.problem("latest", "1.1.0")).contains("is not a version");
  }
}
