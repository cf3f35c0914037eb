package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bring your own TorchScript model: a person uploads a trained file, a run of type {@code
 * torchscript} imports it, the platform checks its signature on the data, evaluates it against the
 * naive baseline and registers it like a trained version. The files were written by the plugin's
 * test-side archive writer (no Python here): {@code linear-regression.pt} computes y = 2·x0 − 3·x1
 * + 1 exactly; {@code wrong-width.pt} expects three inputs.
 */
class ModelImportIT {

  static Fixtures.TestTenant a;
  static Fixtures.TestTenant b;
  static String analyst;
  static String analystOfB;

  static final String READINGS =
      "{\"name\":\"readings\",\"columns\":["
          + "{\"name\":\"x0\",\"type\":\"decimal\"},"
          + "{\"name\":\"x1\",\"type\":\"decimal\"},"
          + "{\"name\":\"y\",\"type\":\"decimal\"}]}";

  @BeforeAll
  static void setUp() {
    a = Fixtures.tenant("import-a");
    b = Fixtures.tenant("import-b");
    String engineer = Fixtures.member(a, "engineer", "data-engineer");
    analyst = Fixtures.member(a, "analyst", "analyst");
    analystOfB = Fixtures.member(b, "analyst", "analyst");
    assertThat(Api.post(base(a) + "/datasets", engineer, READINGS).status()).isEqualTo(201);
    StringBuilder csv = new StringBuilder("x0,x1,y\n");
    Random random = new Random(3);
    for (int i = 0; i < 400; i++) {
      double x0 = random.nextInt(2000) / 100.0;
      double x1 = random.nextInt(2000) / 100.0;
      csv.append(x0).append(',').append(x1).append(',').append(2 * x0 - 3 * x1 + 1).append('\n');
    }
    Reply up = DatasetsIT.upload(engineer, a, "readings", csv.toString());
    assertThat(up.status()).as(up.toString()).isIn(200, 201);
  }

  static String base(Fixtures.TestTenant t) {
    return "/api/tenants/" + t.slug();
  }

  static String uploadFile(Fixtures.TestTenant t, String token, String resource) {
    Reply r =
        Api.upload(
            base(t) + "/model-files?name=" + resource,
            token,
            "application/octet-stream",
            fixture(resource),
            Map.of());
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.json().getJsonNumber("bytes").longValue()).isPositive();
    return r.json().getString("id");
  }

  static byte[] fixture(String name) {
    try (InputStream in = ModelImportIT.class.getResourceAsStream("/models/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String request(String model, String file) {
    return "{\"model\":\""
        + model
        + "\",\"dataset\":\"readings\",\"target\":\"y\",\"features\":[\"x0\",\"x1\"],"
        + "\"modelType\":\"torchscript\",\"seed\":1"
        + (file == null ? "" : ",\"modelFile\":\"" + file + "\"")
        + "}";
  }

  @Test
  void anUploadedTorchScriptModelIsImportedCheckedEvaluatedAndRegistered() {
    String file = uploadFile(a, analyst, "linear-regression.pt");
    JsonObject run =
        TrainingIT.awaitFinished(
            a, analyst, TrainingIT.start(a, analyst, request("imported", file)).getString("id"));
    assertThat(run.getString("status")).as(run.toString()).isEqualTo("succeeded");
    assertThat(run.getJsonObject("metrics").getJsonNumber("rmse").doubleValue())
        .as("the file computes the answer exactly")
        .isLessThan(1e-3);
    assertThat(run.getJsonObject("baseline").getJsonNumber("rmse").doubleValue()).isGreaterThan(10);
    assertThat(run.containsKey("artifactLoadSeconds"))
        .as("the stored artifact was loaded back and checked")
        .isTrue();
    JsonObject model = Api.get(base(a) + "/models/imported", analyst).json();
    JsonObject version = model.getJsonArray("versions").getJsonObject(0);
    assertThat(version.getString("modelType")).isEqualTo("torchscript");
    assertThat(version.getJsonObject("signature").toString()).contains("x0", "x1");
    assertThat(model.getJsonObject("aliases").getInt("challenger")).isEqualTo(1);
  }

  @Test
  void aFileThatDoesNotFitTheColumnsFailsTheRunWithTheReason() {
    String file = uploadFile(a, analyst, "wrong-width.pt");
    JsonObject run =
        TrainingIT.awaitFinished(
            a, analyst, TrainingIT.start(a, analyst, request("misfit", file)).getString("id"));
    assertThat(run.getString("status")).isEqualTo("failed");
    assertThat(run.getString("error")).contains("3 input columns", "2");
    assertThat(Api.get(base(a) + "/models/misfit", analyst).status()).isEqualTo(404);
  }

  @Test
  void theFileIsRequiredOnlyByAnImportingTypeAndIsTheTenantsOwn() {
    Reply none = Api.post(base(a) + "/training-runs", analyst, request("nofile", null));
    assertThat(none.status()).as(none.toString()).isEqualTo(400);
    assertThat(none.json().getJsonObject("errors").getString("modelFile")).contains("model-files");
    String file = uploadFile(a, analyst, "linear-regression.pt");
    Reply learner =
        Api.post(
            base(a) + "/training-runs",
            analyst,
            request("learner", file).replace("\"torchscript\"", "\"tabular-mlp\""));
    assertThat(learner.status()).as(learner.toString()).isEqualTo(400);
    assertThat(learner.json().getJsonObject("errors").getString("modelFile"))
        .contains("learns from the data");

    // B cannot use A's file, even knowing its id, nor upload into A.
    String ofB =
        "{\"name\":\"readings\",\"columns\":[{\"name\":\"x0\",\"type\":\"decimal\"},"
            + "{\"name\":\"x1\",\"type\":\"decimal\"},{\"name\":\"y\",\"type\":\"decimal\"}]}";
    assertThat(Api.post(base(b) + "/datasets", b.adminToken(), ofB).status()).isEqualTo(201);
    Reply stolen = Api.post(base(b) + "/training-runs", analystOfB, request("stolen", file));
    assertThat(stolen.status()).as(stolen.toString()).isEqualTo(400);
    assertThat(stolen.json().getJsonObject("errors").getString("modelFile"))
        .contains("no uploaded model file");
    Reply intoA =
        Api.upload(
            base(a) + "/model-files",
            analystOfB,
            "application/octet-stream",
            fixture("linear-regression.pt"),
            Map.of());
    assertThat(intoA.status()).isIn(403, 404);
    Reply empty =
        Api.upload(
            base(a) + "/model-files", analyst, "application/octet-stream", new byte[0], Map.of());
    assertThat(empty.status()).as(empty.toString()).isEqualTo(400);
  }

  @Test
  void theTypeSaysItImportsAFile() {
    Reply types = Api.get(base(a) + "/model-types", analyst);
    assertThat(types.body()).contains("\"id\":\"torchscript\"");
    JsonObject torchscript =
        types.json().getJsonArray("items").stream()
            .map(v -> v.asJsonObject())
            .filter(t -> t.getString("id").equals("torchscript"))
            .findFirst()
            .orElseThrow();
    assertThat(torchscript.getBoolean("importsModel")).isTrue();
  }
}
