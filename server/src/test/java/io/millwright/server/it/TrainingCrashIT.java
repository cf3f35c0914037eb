package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the server in the middle of a training run: after the restart the durable job is
 * picked up again (a second attempt, from the start, on the pinned snapshot), never lost and never
 * running twice; a run that is cancelled afterwards ends cancelled.
 */
class TrainingCrashIT {

  @Test
  void aRunCutOffByAKilledServerIsPickedUpAgain() throws Exception {
    Fixtures.TestTenant t = Fixtures.tenant("train-crash");
    String engineer = Fixtures.member(t, "engineer", "data-engineer");
    String analyst = Fixtures.member(t, "analyst", "analyst");
    assertThat(Api.post(TrainingIT.base(t) + "/datasets", engineer, TrainingIT.CUSTOMERS).status())
        .isEqualTo(201);
    assertThat(DatasetsIT.upload(engineer, t, "customers", TrainingIT.customers(600, 5)).status())
        .isIn(200, 201);
    String slow =
        ",\"epochs\":\"500\",\"earlyStoppingPatience\":\"0\",\"batchSize\":\"16\","
            + "\"hiddenLayers\":\"256,128\"";
    JsonObject run =
        TrainingIT.start(
            t,
            analyst,
            TrainingIT.request("crash", null, 11, slow).replace("\"epochs\":\"25\",", ""));
    String path = TrainingIT.base(t) + "/training-runs/" + run.getString("id");
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> Api.get(path, analyst).json().getJsonArray("epochs").size() >= 2);

    LibertyServer.killHard();
    LibertyServer.start();

    // The dead node's heartbeat lapses; the job is revived and trains again from the start.
    JsonObject[] again = new JsonObject[1];
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              again[0] = Api.get(path, analyst).json();
              return again[0].getInt("attempts") == 2
                  && again[0].getString("status").equals("running")
                  && again[0].getJsonArray("epochs").size() >= 1;
            });
    assertThat(again[0].getString("error", null)).isNull();

    assertThat(Api.post(path + "/cancel", analyst, null).status()).isEqualTo(200);
    JsonObject end = TrainingIT.awaitFinished(t, analyst, run.getString("id"));
    assertThat(end.getString("status")).isEqualTo("cancelled");
    assertThat(end.getInt("attempts")).isEqualTo(2);
    // Its db-scheduler execution is removed once the job returned.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Db.superuserCount(
                        "select count(*) from scheduled_tasks where task_instance = ?",
                        run.getString("id"))
                    == 0);
  }
}
