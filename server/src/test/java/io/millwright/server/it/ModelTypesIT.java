package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped model-type plugin loads in the real server with the host's DJL, and each tenant sees
 * the model types enabled for it: switching the plugin off for one tenant leaves the other's
 * catalogue as it was.
 */
class ModelTypesIT {

  static List<JsonObject> types(Fixtures.TestTenant t, String token) {
    Reply r = Api.get("/api/tenants/" + t.slug() + "/model-types", token);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
  }

  @Test
  void theShippedTabularTypeIsListedWithItsTasksAndHyperparameters() {
    Fixtures.TestTenant a = Fixtures.tenant("types-a");
    String analyst = Fixtures.member(a, "analyst", "analyst");
    JsonObject mlp =
        types(a, analyst).stream()
            .filter(t -> t.getString("id").equals("tabular-mlp"))
            .findFirst()
            .orElseThrow();
    assertThat(mlp.getBoolean("shipped")).isTrue();
    assertThat(mlp.getJsonArray("tasks").toString())
        .contains("binary-classification", "multiclass-classification", "regression");
    assertThat(mlp.getJsonArray("hyperParameters").toString()).contains("epochs", "learningRate");
    JsonObject epochs =
        mlp.getJsonArray("hyperParameters").stream()
            .map(JsonValue::asJsonObject)
            .filter(h -> h.getString("name").equals("epochs"))
            .findFirst()
            .orElseThrow();
    assertThat(epochs.containsKey("min")).isTrue();
    assertThat(epochs.containsKey("max")).isTrue();
  }

  @Test
  void everyShippedModelTypeIsOffered() {
    Fixtures.TestTenant t = Fixtures.tenant("types-all");
    String analyst = Fixtures.member(t, "analyst", "analyst");
    assertThat(types(t, analyst).stream().map(x -> x.getString("id")).toList())
        .contains("tabular-mlp", "forecast-mlp", "anomaly-autoencoder", "text-ngrams");
  }

  @Test
  void aPluginSwitchedOffForOneTenantLeavesTheOtherAlone() {
    Fixtures.TestTenant a = Fixtures.tenant("types-on");
    Fixtures.TestTenant b = Fixtures.tenant("types-off");
    String analystA = Fixtures.member(a, "analyst", "analyst");
    String analystB = Fixtures.member(b, "analyst", "analyst");
    Reply off =
        Api.send(
            "PUT",
            "/api/admin/plugins/tenants/" + b.slug() + "/millwright-model-tabular",
            Keycloak.platformAdminToken(),
            "{\"enabled\":false}",
            Map.of());
    assertThat(off.status()).as(off.toString()).isEqualTo(200);
    assertThat(types(b, analystB)).noneMatch(t -> t.getString("id").equals("tabular-mlp"));
    assertThat(types(a, analystA)).anyMatch(t -> t.getString("id").equals("tabular-mlp"));
  }
}
