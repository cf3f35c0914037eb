package io.millwright.plugin.api.model.kit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.Task;
import org.junit.jupiter.api.Test;

/** A kit that passes everything proves nothing: a type that learns nothing must fail it. */
class KitCatchesBrokenModelTypesTest {

  static class Lazy extends ModelTypeContract {
    @Override
    protected ModelType modelType() {
      return new CentroidModelType(true);
    }

    @Override
    protected Task task() {
      return Task.BINARY_CLASSIFICATION;
    }
  }

  @Test
  void aTypeThatAlwaysAnswersTheSameClassFails() {
    assertThatThrownBy(() -> new Lazy().itLearnsTheKnownAnswerClearlyBetterThanTheNaiveBaseline())
        .isInstanceOf(AssertionError.class);
  }
}
