package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Models trained on public real-world data nobody here wrote (the Vega collection: NOAA's Seattle
 * weather, the classic 1970s–80s car catalogue with its missing horsepower values), through the
 * whole platform: inferred, declared and uploaded like any file, trained as a job, evaluated by the
 * host. They must clearly beat the naive baseline.
 */
class PublicModelsIT {

  static Fixtures.TestTenant t;
  static String engineer;
  static String analyst;

  @BeforeAll
  static void tenant() {
    t = Fixtures.tenant("public-models");
    engineer = Fixtures.member(t, "engineer", "data-engineer");
    analyst = Fixtures.member(t, "analyst", "analyst");
  }

  static JsonObject train(String body) {
    JsonObject run = TrainingIT.start(t, analyst, body);
    JsonObject done = TrainingIT.awaitFinished(t, analyst, run.getString("id"));
    assertThat(done.getString("status")).as(done.toString()).isEqualTo("succeeded");
    System.out.println(
        "public data: "
            + done.getString("model")
            + " "
            + done.get("metrics")
            + " baseline "
            + done.get("baseline"));
    return done;
  }

  @Test
  void seattleWeatherIsClassifiedFarBetterThanTheMostCommonWeather() throws Exception {
    PublicDatasetsIT.load(
        t, engineer, "seattle_weather", PublicData.file("seattle-weather.csv"), List.of());
    JsonObject run =
        train(
            "{\"model\":\"weather\",\"dataset\":\"seattle_weather\",\"target\":\"weather\","
                + "\"task\":\"multiclass-classification\","
                + "\"features\":[\"precipitation\",\"temp_max\",\"temp_min\",\"wind\"],"
                + "\"modelType\":\"tabular-mlp\",\"seed\":1}");
    double accuracy = run.getJsonObject("metrics").getJsonNumber("accuracy").doubleValue();
    double baseline = run.getJsonObject("baseline").getJsonNumber("accuracy").doubleValue();
    assertThat(accuracy)
        .as("against the most common weather's %s", baseline)
        .isGreaterThan(baseline + 0.15);
  }

  @Test
  void fuelConsumptionIsPredictedFarBetterThanTheAverageCar() throws Exception {
    // The catalogue is a JSON array; it arrives as CSV, the way a spreadsheet export would.
    Path csv = Files.createTempFile("cars", ".csv");
    try (Reader in = Files.newBufferedReader(PublicData.file("cars.json"));
        JsonReader reader = Json.createReader(in)) {
      JsonArray cars = reader.readArray();
      StringBuilder out =
          new StringBuilder(
              "name,mpg,cylinders,displacement,horsepower,weight_lbs,acceleration,origin\n");
      for (JsonValue v : cars) {
        JsonObject c = v.asJsonObject();
        out.append('"').append(c.getString("Name").replace("\"", "\"\"")).append('"');
        for (String f :
            List.of(
                "Miles_per_Gallon",
                "Cylinders",
                "Displacement",
                "Horsepower",
                "Weight_in_lbs",
                "Acceleration")) {
          out.append(',').append(c.isNull(f) ? "" : c.getJsonNumber(f).toString());
        }
        out.append(',').append(c.getString("Origin")).append('\n');
      }
      Files.writeString(csv, out);
    }
    PublicDatasetsIT.load(t, engineer, "cars", csv, List.of());
    JsonObject run =
        train(
            "{\"model\":\"fuel\",\"dataset\":\"cars\",\"target\":\"mpg\","
                + "\"features\":[\"cylinders\",\"displacement\",\"horsepower\",\"weight_lbs\","
                + "\"acceleration\",\"origin\"],\"modelType\":\"tabular-mlp\",\"seed\":1}");
    double rmse = run.getJsonObject("metrics").getJsonNumber("rmse").doubleValue();
    double baseline = run.getJsonObject("baseline").getJsonNumber("rmse").doubleValue();
    assertThat(rmse).as("RMSE against the average car's %s", baseline).isLessThan(0.6 * baseline);
  }
}
