package io.millwright.server.models.training;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/** JSON for the values the training package stores as text. */
final class TrainingRunStoreJson {

  private static final Jsonb JSON = JsonbBuilder.create();

  private TrainingRunStoreJson() {}

  static String toJson(Object value) {
    return JSON.toJson(value);
  }
}
