package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Transforms that run by themselves on the durable job engine (the test server allows schedules
 * down to every 2 s): a scheduled transform writes versions without anyone asking, records its last
 * run and its next; one that keeps failing is paused with the reason after three failures in a row
 * and stays paused; changing it starts it again; bad schedules are refused with the field named;
 * another tenant sees none of it.
 */
class ScheduledTransformsIT {

  static final String SOURCE =
      "{\"name\":\"meter_reads\",\"columns\":[{\"name\":\"site\",\"type\":\"string\"},"
          + "{\"name\":\"kwh\",\"type\":\"decimal\"}]}";

  static String transform(String query, String schedule) {
    return "{\"name\":\"site_totals\",\"target\":\"site_kwh\",\"query\":"
        + Json.quote(query)
        + ",\"schedule\":"
        + Json.quote(schedule)
        + "}";
  }

  @Test
  void aScheduledTransformRunsByItselfPausesWhenItKeepsFailingAndResumesWhenChanged() {
    Fixtures.TestTenant a = Fixtures.tenant("sched-a");
    Fixtures.TestTenant b = Fixtures.tenant("sched-b");
    String engineer = Fixtures.member(a, "engineer", "data-engineer");
    String analyst = Fixtures.member(a, "analyst", "analyst");
    String engineerOfB = Fixtures.member(b, "engineer", "data-engineer");
    assertThat(Api.post("/api/tenants/" + a.slug() + "/datasets", engineer, SOURCE).status())
        .isEqualTo(201);
    assertThat(
            DatasetsIT.upload(engineer, a, "meter_reads", "site,kwh\nnorth,10\nnorth,5\nsouth,7\n"))
        .extracting(Reply::status)
        .isIn(200, 201);
    String transforms = "/api/tenants/" + a.slug() + "/transforms";
    String good = "select site, sum(kwh) as kwh from meter_reads group by site";

    // Schedules a transform cannot have.
    for (String bad : List.of("every 100ms", "stream", "cron 0 6 * *", "sometimes")) {
      Reply refused = Api.post(transforms, engineer, transform(good, bad));
      assertThat(refused.status()).as(bad + ": " + refused).isEqualTo(400);
      assertThat(refused.body()).as(bad).contains("schedule");
    }
    assertThat(Api.post(transforms, analyst, transform(good, "every 2s")).status())
        .as("analysts read transforms, they do not define them")
        .isEqualTo(403);

    Reply defined = Api.post(transforms, engineer, transform(good, "every 2s"));
    assertThat(defined.status()).as(defined.toString()).isEqualTo(201);
    assertThat(defined.json().getString("schedule")).isEqualTo("every PT2S");
    assertThat(defined.json().containsKey("nextRunAt")).as(defined.toString()).isTrue();

    // Nobody runs it: the schedule does, and the result is a version written by the transform.
    JsonObject ran =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> Api.get(transforms + "/site_totals", analyst).json(),
                t -> t.containsKey("lastRun") && t.getJsonObject("lastRun").containsKey("version"));
    assertThat(ran.getJsonObject("lastRun").getString("status")).isEqualTo("succeeded");
    assertThat(ran.getJsonObject("lastRun").getString("message")).startsWith("2 rows written");
    assertThat(ran.getBoolean("paused")).isFalse();
    assertThat(
            DatasetsIT.sql(a, analyst, "select site, kwh from site_kwh order by site")
                .json()
                .getJsonArray("rows")
                .toString())
        .isEqualTo("[[\"north\",15.0],[\"south\",7.0]]");
    List<JsonObject> versions =
        DatasetsIT.items(
            Api.get("/api/tenants/" + a.slug() + "/datasets/site_kwh/versions", analyst));
    assertThat(versions).allSatisfy(v -> assertThat(v.getString("source")).isEqualTo("transform"));

    // Break it: the query names a column that does not exist. Three failures in a row pause it.
    Reply broken =
        Api.put(
            transforms + "/site_totals",
            engineer,
            transform("select site, sum(watts) as kwh from meter_reads group by site", "every 2s"));
    assertThat(broken.status()).as(broken.toString()).isEqualTo(200);
    JsonObject paused =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> Api.get(transforms + "/site_totals", analyst).json(),
                t -> t.getBoolean("paused"));
    assertThat(paused.getString("pausedReason"))
        .contains("paused after 3 failed runs in a row")
        .contains("watts");
    assertThat(paused.getJsonObject("lastRun").getString("status")).isEqualTo("failed");
    assertThat(paused.containsKey("nextRunAt")).as("a paused schedule has no next run").isFalse();
    String lastFailure = paused.getJsonObject("lastRun").getString("at");
    // Paused stays paused: several 2 s periods later it has not run again.
    await().pollDelay(Duration.ofSeconds(5)).until(() -> true);
    JsonObject stillPaused = Api.get(transforms + "/site_totals", analyst).json();
    assertThat(stillPaused.getJsonObject("lastRun").getString("at")).isEqualTo(lastFailure);
    assertThat(stillPaused.getInt("failuresInARow")).isEqualTo(3);

    // Fixed by a person: the schedule starts again and the next run succeeds.
    Reply fixed = Api.put(transforms + "/site_totals", engineer, transform(good, "every 2s"));
    assertThat(fixed.status()).as(fixed.toString()).isEqualTo(200);
    assertThat(fixed.json().getBoolean("paused")).isFalse();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> Api.get(transforms + "/site_totals", analyst).json(),
            t -> "succeeded".equals(t.getJsonObject("lastRun").getString("status")));

    // Manual again: no next run, nothing runs by itself.
    Reply manual = Api.put(transforms + "/site_totals", engineer, transform(good, "manual"));
    assertThat(manual.json().getString("schedule")).isEqualTo("manual");
    assertThat(manual.json().containsKey("nextRunAt")).isFalse();

    // The audit trail tells who did what: people changed it, the platform paused it.
    Reply audit =
        Api.get(
            "/api/tenants/" + a.slug() + "/audit?size=200",
            Fixtures.member(a, "auditor", "auditor"));
    assertThat(audit.body())
        .contains("transform.define")
        .contains("transform.update")
        .contains("transform.pause")
        .contains("transform schedule");

    // Another tenant sees none of it.
    assertThat(
            Api.get("/api/tenants/" + b.slug() + "/transforms/site_totals", engineerOfB).status())
        .isEqualTo(404);
    assertThat(
            Api.put(
                    "/api/tenants/" + b.slug() + "/transforms/site_totals",
                    engineerOfB,
                    transform(good, "every 2s"))
                .status())
        .isEqualTo(404);
    assertThat(DatasetsIT.items(Api.get("/api/tenants/" + b.slug() + "/transforms", engineerOfB)))
        .isEmpty();

    assertThat(Api.delete(transforms + "/site_totals", engineer).status()).isEqualTo(204);
    assertThat(Api.get(transforms + "/site_totals", analyst).status()).isEqualTo(404);
  }
}
