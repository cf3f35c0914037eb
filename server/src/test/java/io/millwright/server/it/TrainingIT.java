package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training on the real server: a dataset made to have a known answer (customers churn when new and
 * expensive), trained by the shipped tabular type as a durable job, evaluated by the host against
 * the naive baseline, registered as a model version with its lineage and an encrypted artifact; the
 * same snapshot and seed reproduce it exactly, even after the dataset changed; a run can be
 * cancelled; a tenant at its job limit queues with the reason; another tenant sees none of it.
 */
class TrainingIT {

  static Fixtures.TestTenant a;
  static Fixtures.TestTenant b;
  static String analyst;
  static String analystOfB;
  static long firstVersion;

  static final String CUSTOMERS =
      "{\"name\":\"customers\",\"columns\":["
          + "{\"name\":\"tenure_months\",\"type\":\"integer\"},"
          + "{\"name\":\"monthly_fee\",\"type\":\"decimal\"},"
          + "{\"name\":\"plan\",\"type\":\"string\"},"
          + "{\"name\":\"churned\",\"type\":\"boolean\"}]}";

  @BeforeAll
  static void setUp() {
    a = Fixtures.tenant("train-a");
    b = Fixtures.tenant("train-b");
    String engineer = Fixtures.member(a, "engineer", "data-engineer");
    analyst = Fixtures.member(a, "analyst", "analyst");
    analystOfB = Fixtures.member(b, "analyst", "analyst");
    String engineerOfB = Fixtures.member(b, "engineer", "data-engineer");
    for (Fixtures.TestTenant t : new Fixtures.TestTenant[] {a, b}) {
      String token = t == a ? engineer : engineerOfB;
      assertThat(Api.post(base(t) + "/datasets", token, CUSTOMERS).status()).isEqualTo(201);
      Reply up = DatasetsIT.upload(token, t, "customers", customers(600, 1));
      assertThat(up.status()).as(up.toString()).isIn(200, 201);
    }
    firstVersion =
        Api.get(base(a) + "/datasets/customers", analyst)
            .json()
            .getJsonNumber("currentVersion")
            .longValue();
    // Later rows arrive: the dataset moves on, runs pinned to the first version must not notice.
    assertThat(DatasetsIT.upload(engineer, a, "customers", customers(300, 99)).status())
        .isIn(200, 201);
  }

  /** New, expensive customers churn; old or cheap ones stay. A clear boundary, some noise-free. */
  static String customers(int n, long seed) {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder("tenure_months,monthly_fee,plan,churned\n");
    String[] plans = {"basic", "pro", "max"};
    for (int i = 0; i < n; i++) {
      int tenure = random.nextInt(60);
      double fee = 10 + random.nextInt(900) / 10.0;
      boolean churned = tenure < 18 && fee > 45;
      csv.append(tenure)
          .append(',')
          .append(fee)
          .append(',')
          .append(plans[random.nextInt(3)])
          .append(',')
          .append(churned)
          .append('\n');
    }
    return csv.toString();
  }

  static String base(Fixtures.TestTenant t) {
    return "/api/tenants/" + t.slug();
  }

  static String request(String model, Long version, long seed, String extra) {
    return "{\"model\":\""
        + model
        + "\",\"dataset\":\"customers\","
        + (version == null ? "" : "\"version\":" + version + ",")
        + "\"target\":\"churned\",\"modelType\":\"tabular-mlp\",\"seed\":"
        + seed
        + ",\"hyperParameters\":{\"epochs\":\"25\""
        + extra
        + "}}";
  }

  static JsonObject start(Fixtures.TestTenant t, String token, String body) {
    Reply r = Api.post(base(t) + "/training-runs", token, body);
    assertThat(r.status()).as(r.toString()).isEqualTo(202);
    return r.json();
  }

  static JsonObject awaitFinished(Fixtures.TestTenant t, String token, String id) {
    JsonObject[] run = new JsonObject[1];
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              run[0] = Api.get(base(t) + "/training-runs/" + id, token).json();
              String s = run[0].getString("status");
              return s.equals("succeeded") || s.equals("failed") || s.equals("cancelled");
            });
    return run[0];
  }

  @Test
  void aModelLearnsTheKnownAnswerBeatsTheBaselineAndIsRegistered() {
    JsonObject queued = start(a, analyst, request("churn", firstVersion, 7, ""));
    assertThat(queued.getString("status")).isIn("queued", "running");
    JsonObject run = awaitFinished(a, analyst, queued.getString("id"));
    assertThat(run.getString("status")).as(run.toString()).isEqualTo("succeeded");
    double accuracy = run.getJsonObject("metrics").getJsonNumber("accuracy").doubleValue();
    double baseline = run.getJsonObject("baseline").getJsonNumber("accuracy").doubleValue();
    assertThat(accuracy)
        .as("accuracy against the majority class %s", baseline)
        .isGreaterThan(0.9)
        .isGreaterThan(baseline + 0.1);
    assertThat(run.getJsonArray("epochs")).isNotEmpty();
    assertThat(run.getString("plugin")).isEqualTo("millwright-model-tabular");
    assertThat(run.getJsonNumber("cpuSeconds").doubleValue()).isPositive();
    assertThat(run.getJsonNumber("datasetVersion").longValue()).isEqualTo(firstVersion);

    JsonObject model = Api.get(base(a) + "/models/churn", analyst).json();
    JsonObject v1 = model.getJsonArray("versions").getJsonObject(0);
    assertThat(v1.getInt("version")).isEqualTo(run.getInt("modelVersion"));
    assertThat(v1.getString("artifactSha256")).isEqualTo(run.getString("artifactSha256"));
    assertThat(v1.getJsonObject("signature").toString()).contains("tenure_months", "plan");
    assertThat(model.getJsonObject("aliases").getInt("challenger")).isEqualTo(v1.getInt("version"));
  }

  @Test
  void theSameSnapshotSeedAndSettingsReproduceTheModelExactly() {
    // Pinned to the first version although the dataset has moved on since.
    JsonObject one =
        awaitFinished(
            a, analyst, start(a, analyst, request("repro", firstVersion, 42, "")).getString("id"));
    JsonObject two =
        awaitFinished(
            a, analyst, start(a, analyst, request("repro", firstVersion, 42, "")).getString("id"));
    assertThat(one.getString("status")).as(one.toString()).isEqualTo("succeeded");
    assertThat(two.getJsonObject("metrics")).isEqualTo(one.getJsonObject("metrics"));
    assertThat(two.getString("artifactSha256")).isEqualTo(one.getString("artifactSha256"));
    // Another seed gives another model (the seed is really used).
    JsonObject other =
        awaitFinished(
            a, analyst, start(a, analyst, request("repro", firstVersion, 43, "")).getString("id"));
    assertThat(other.getString("artifactSha256")).isNotEqualTo(one.getString("artifactSha256"));
    // The current version (more rows) gives a different model again.
    JsonObject current =
        awaitFinished(
            a, analyst, start(a, analyst, request("repro", null, 42, "")).getString("id"));
    assertThat(current.getJsonNumber("datasetVersion").longValue()).isNotEqualTo(firstVersion);
    assertThat(current.getString("artifactSha256")).isNotEqualTo(one.getString("artifactSha256"));
  }

  @Test
  void aBadRequestNamesEveryProblemAndQueuesNothing() {
    Reply r =
        Api.post(
            base(a) + "/training-runs",
            analyst,
            "{\"model\":\"Bad Name\",\"dataset\":\"customers\",\"target\":\"nope\","
                + "\"modelType\":\"tabular-mlp\",\"hyperParameters\":{\"epochs\":\"0\","
                + "\"colour\":\"red\"}}");
    assertThat(r.status()).as(r.toString()).isEqualTo(400);
    assertThat(r.isProblem()).isTrue();
    assertThat(r.json().getJsonObject("errors").keySet())
        .contains("model", "target", "hyperParameters.epochs", "hyperParameters.colour");
    Reply unknownType =
        Api.post(
            base(a) + "/training-runs",
            analyst,
            request("x_model", null, 1, "").replace("tabular-mlp", "crystal-ball"));
    assertThat(unknownType.status()).isEqualTo(400);
    assertThat(unknownType.json().getJsonObject("errors").getString("modelType"))
        .contains("crystal-ball");
  }

  @Test
  void aRunningRunCanBeCancelledAndATenantAtItsLimitQueuesWithTheReason() {
    // Long runs: every epoch, no early stop. The test server allows one job per tenant at a time.
    String slow =
        ",\"epochs\":\"500\",\"earlyStoppingPatience\":\"0\",\"batchSize\":\"16\",\"hiddenLayers\":\"256,128\"";
    JsonObject first =
        start(a, analyst, request("slow", null, 1, slow).replace("\"epochs\":\"25\",", ""));
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                Api.get(base(a) + "/training-runs/" + first.getString("id"), analyst)
                    .json()
                    .getString("status")
                    .equals("running"));
    JsonObject second =
        start(a, analyst, request("slow", null, 2, slow).replace("\"epochs\":\"25\",", ""));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              JsonObject s =
                  Api.get(base(a) + "/training-runs/" + second.getString("id"), analyst).json();
              return s.getString("status").equals("queued")
                  && s.getString("waitingReason").contains("concurrent training jobs");
            });
    JsonObject waiting =
        Api.get(base(a) + "/training-runs/" + second.getString("id"), analyst).json();
    assertThat(waiting.getInt("queuePosition")).isPositive();

    // Another tenant is not held up by A's limit.
    JsonObject ofB =
        awaitFinished(
            b, analystOfB, start(b, analystOfB, request("churn_b", null, 3, "")).getString("id"));
    assertThat(ofB.getString("status")).as(ofB.toString()).isEqualTo("succeeded");

    // Cancel both: the queued one at once, the running one at its next check.
    assertThat(
            Api.post(
                    base(a) + "/training-runs/" + second.getString("id") + "/cancel", analyst, null)
                .json()
                .getString("status"))
        .isEqualTo("cancelled");
    Api.post(base(a) + "/training-runs/" + first.getString("id") + "/cancel", analyst, null);
    JsonObject stopped = awaitFinished(a, analyst, first.getString("id"));
    assertThat(stopped.getString("status")).isEqualTo("cancelled");
    assertThat(stopped.getJsonArray("epochs").size()).as("stopped early").isLessThan(500);
    assertThat(
            Api.post(base(a) + "/training-runs/" + first.getString("id") + "/cancel", analyst, null)
                .status())
        .isEqualTo(409);
  }

  @Test
  void whenThePlatformsSlotsAreFullTheNextOneGoesToTheTenantThatWaitedWithLess() {
    // The test server runs two training jobs at once in all, and one per tenant.
    Fixtures.TestTenant c = Fixtures.tenant("train-c");
    String engineerOfC = Fixtures.member(c, "engineer", "data-engineer");
    String analystOfC = Fixtures.member(c, "analyst", "analyst");
    assertThat(Api.post(base(c) + "/datasets", engineerOfC, CUSTOMERS).status()).isEqualTo(201);
    assertThat(DatasetsIT.upload(engineerOfC, c, "customers", customers(600, 7)).status())
        .isIn(200, 201);
    String slow =
        ",\"epochs\":\"500\",\"earlyStoppingPatience\":\"0\",\"batchSize\":\"16\",\"hiddenLayers\":\"256,128\"";
    String a1 = start(a, analyst, slowRequest("fair_a", 11, slow)).getString("id");
    awaitStatus(a, analyst, a1, "running");
    String a2 = start(a, analyst, slowRequest("fair_a", 12, slow)).getString("id");
    String b1 = start(b, analystOfB, slowRequest("fair_b", 13, slow)).getString("id");
    awaitStatus(b, analystOfB, b1, "running");
    String c1 = start(c, analystOfC, request("fair_c", null, 14, "")).getString("id");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Api.get(base(c) + "/training-runs/" + c1, analystOfC)
                    .json()
                    .getString("waitingReason", "")
                    .contains("training slots of the platform are busy"));
    JsonObject jobsOfC = Api.get(base(c) + "/jobs", analystOfC).json();
    assertThat(jobsOfC.getJsonObject("quota").getInt("platformSlotsBusy")).isEqualTo(2);
    assertThat(jobsOfC.getJsonArray("items").getJsonObject(0).getInt("queuePosition"))
        .as("C runs nothing and used nothing: first in line, ahead of A's older run")
        .isEqualTo(1);

    // A slot frees: C's run takes it although A's second run queued first.
    Api.post(base(a) + "/training-runs/" + a1 + "/cancel", analyst, null);
    JsonObject ofC = awaitFinished(c, analystOfC, c1);
    assertThat(ofC.getString("status")).as(ofC.toString()).isEqualTo("succeeded");
    JsonObject second = Api.get(base(a) + "/training-runs/" + a2, analyst).json();
    assertThat(
            second.getString("status").equals("queued")
                || Instant.parse(second.getString("startedAt"))
                    .isAfter(Instant.parse(ofC.getString("startedAt"))))
        .as("A's second run started only after C's: " + second)
        .isTrue();

    for (String[] run : new String[][] {{a2, "a"}, {b1, "b"}}) {
      Fixtures.TestTenant t = run[1].equals("a") ? a : b;
      String token = run[1].equals("a") ? analyst : analystOfB;
      Api.post(base(t) + "/training-runs/" + run[0] + "/cancel", token, null);
      awaitFinished(t, token, run[0]);
    }
  }

  static String slowRequest(String model, long seed, String slow) {
    return request(model, null, seed, slow).replace("\"epochs\":\"25\",", "");
  }

  static void awaitStatus(Fixtures.TestTenant t, String token, String id, String status) {
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                Api.get(base(t) + "/training-runs/" + id, token)
                    .json()
                    .getString("status")
                    .equals(status));
  }

  @Test
  void anotherTenantSeesNoRunModelOrVersion() {
    JsonObject run =
        awaitFinished(
            a, analyst, start(a, analyst, request("secret_model", null, 5, "")).getString("id"));
    assertThat(Api.get(base(b) + "/training-runs/" + run.getString("id"), analystOfB).status())
        .isEqualTo(404);
    assertThat(Api.get(base(b) + "/models/secret_model", analystOfB).status()).isEqualTo(404);
    assertThat(Api.get(base(b) + "/models", analystOfB).body()).doesNotContain("secret_model");
    assertThat(Api.get(base(b) + "/training-runs", analystOfB).body())
        .doesNotContain(run.getString("id"));
    // B's member cannot reach A's runs through A's path either.
    assertThat(Api.get(base(a) + "/training-runs/" + run.getString("id"), analystOfB).status())
        .isEqualTo(404);
  }

  @Test
  void promotionPassesTheQualityGatesOrSaysWhyAndRollsBackInOneStep() {
    String engineer = Fixtures.member(a, "promoter", "data-engineer");
    // Two identical versions (same snapshot, seed and settings): v2 is not better than v1.
    for (int i = 0; i < 2; i++) {
      JsonObject run =
          awaitFinished(
              a, analyst, start(a, analyst, request("promo", firstVersion, 9, "")).getString("id"));
      assertThat(run.getString("status")).as(run.toString()).isEqualTo("succeeded");
    }
    String path = base(a) + "/models/promo";
    assertThat(Api.post(path + "/champion", analyst, "{\"version\":1}").status())
        .as("analysts train, they do not promote")
        .isEqualTo(403);
    Reply first = Api.post(path + "/champion", engineer, "{\"version\":1,\"reason\":\"first\"}");
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.json().getJsonObject("aliases").getInt("champion")).isEqualTo(1);

    Reply same = Api.post(path + "/champion", engineer, "{\"version\":2}");
    assertThat(same.status()).as(same.toString()).isEqualTo(422);
    assertThat(same.json().getString("detail")).contains("better by", "champion (version 1)");
    assertThat(Api.post(path + "/champion", engineer, "{\"version\":1}").status()).isEqualTo(409);
    assertThat(Api.post(path + "/champion", engineer, "{\"version\":7}").status()).isEqualTo(404);

    Reply back = Api.post(path + "/rollback", engineer, null);
    assertThat(back.status()).as(back.toString()).isEqualTo(200);
    assertThat(back.json().getJsonObject("aliases").containsKey("champion")).isFalse();
    assertThat(Api.post(path + "/rollback", engineer, null).status()).isEqualTo(409);
    Reply audit = Api.get(base(a) + "/audit?size=200", Fixtures.member(a, "auditor", "auditor"));
    assertThat(audit.body()).contains("model.promote", "model.rollback", "training.start");
  }

  @Test
  void aModelThatNeedsASecondApproverIsPromotedOnlyWhenSomeoneElseApproves() {
    String requester = Fixtures.member(a, "requester", "data-engineer");
    String approver = Fixtures.member(a, "approver", "data-engineer");
    JsonObject run =
        awaitFinished(
            a,
            analyst,
            start(a, analyst, request("four_eyes", firstVersion, 21, "")).getString("id"));
    assertThat(run.getString("status")).as(run.toString()).isEqualTo("succeeded");
    String path = base(a) + "/models/four_eyes";
    String policy = "{\"secondApprover\":true}";
    assertThat(Api.put(path + "/policy", requester, policy).status())
        .as("only a tenant admin sets the policy")
        .isEqualTo(403);
    Reply set = Api.put(path + "/policy", a.adminToken(), policy);
    assertThat(set.status()).as(set.toString()).isEqualTo(200);
    assertThat(set.json().getBoolean("secondApprover")).isTrue();

    Reply asked = Api.post(path + "/champion", requester, "{\"version\":1,\"reason\":\"go live\"}");
    assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
    assertThat(asked.json().getJsonObject("aliases").containsKey("champion")).isFalse();
    String request = asked.json().getJsonObject("pendingPromotion").getString("id");
    assertThat(Api.post(path + "/champion", approver, "{\"version\":1}").status())
        .as("one waiting promotion per model")
        .isEqualTo(409);

    Reply self = Api.post(path + "/promotions/" + request + "/approve", requester, null);
    assertThat(self.status()).as(self.toString()).isEqualTo(403);
    assertThat(self.json().getString("type")).endsWith("second-approver-required");
    assertThat(Api.get(path, analyst).json().getJsonObject("aliases").containsKey("champion"))
        .isFalse();

    Reply approved = Api.post(path + "/promotions/" + request + "/approve", approver, null);
    assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
    assertThat(approved.json().getJsonObject("aliases").getInt("champion")).isEqualTo(1);
    assertThat(Api.post(path + "/promotions/" + request + "/approve", approver, null).status())
        .as("decided already")
        .isEqualTo(404);

    // Rejected: the champion does not move.
    assertThat(Api.post(path + "/rollback", approver, null).status()).isEqualTo(200);
    String again =
        Api.post(path + "/champion", requester, "{\"version\":1}")
            .json()
            .getJsonObject("pendingPromotion")
            .getString("id");
    Reply rejected =
        Api.post(path + "/promotions/" + again + "/reject", approver, "{\"note\":\"not yet\"}");
    assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
    JsonObject model = Api.get(path, analyst).json();
    assertThat(model.getJsonObject("aliases").containsKey("champion")).isFalse();
    assertThat(model.getJsonArray("promotionRequests").getJsonObject(0).getString("status"))
        .isEqualTo("rejected");
    assertThat(model.getJsonArray("promotionRequests").getJsonObject(0).getString("note"))
        .isEqualTo("not yet");
    assertThat(Api.get(base(b) + "/models/four_eyes", analystOfB).status()).isEqualTo(404);
    Reply audit = Api.get(base(a) + "/audit?size=200", Fixtures.member(a, "auditor2", "auditor"));
    assertThat(audit.body())
        .contains("model.policy", "model.promote.request", "model.promote.reject");
  }

  @Test
  void aSeasonalSeriesIsForecastFarBetterThanTheLastValue() {
    String engineer = Fixtures.member(a, "forecaster", "data-engineer");
    assertThat(
            Api.post(
                    base(a) + "/datasets",
                    engineer,
                    "{\"name\":\"demand\",\"columns\":[{\"name\":\"at\",\"type\":\"timestamp\"},"
                        + "{\"name\":\"units\",\"type\":\"decimal\"}]}")
                .status())
        .isEqualTo(201);
    StringBuilder csv = new StringBuilder("at,units\n");
    java.time.Instant start = java.time.Instant.parse("2026-01-05T00:00:00Z");
    Random random = new Random(3);
    for (int h = 0; h < 1200; h++) {
      double units = 100 + 30 * Math.sin(2 * Math.PI * (h % 24) / 24.0) + random.nextGaussian();
      csv.append(start.plusSeconds(3600L * h))
          .append(',')
          .append(Math.round(units * 100) / 100.0)
          .append('\n');
    }
    assertThat(DatasetsIT.upload(engineer, a, "demand", csv.toString()).status()).isIn(200, 201);
    JsonObject run =
        awaitFinished(
            a,
            analyst,
            start(
                    a,
                    analyst,
                    "{\"model\":\"demand_forecast\",\"dataset\":\"demand\",\"target\":\"units\","
                        + "\"task\":\"forecasting\",\"timeColumn\":\"at\",\"split\":\"time\","
                        + "\"modelType\":\"forecast-mlp\",\"seed\":1,"
                        + "\"hyperParameters\":{\"epochs\":\"15\"}}")
                .getString("id"));
    assertThat(run.getString("status")).as(run.toString()).isEqualTo("succeeded");
    double mae = run.getJsonObject("metrics").getJsonNumber("mae").doubleValue();
    double naive = run.getJsonObject("baseline").getJsonNumber("mae").doubleValue();
    assertThat(mae).as("MAE against the last value's %s", naive).isLessThan(0.5 * naive);
  }

  @Test
  void aGpuRunIsRefusedAtOnceWithTheReasonWhenTheQuotaHasNoHoursLeft() {
    // The default plan has a GPU and 20 hours; a tenant whose hours are set to 0 has used them.
    Reply noHours =
        Api.send(
            "PATCH",
            "/api/admin/tenants/" + b.slug(),
            Keycloak.platformAdminToken(),
            "{\"quotas\":{\"gpuConcurrency\":1,\"gpuHoursPerMonth\":0,\"storageGb\":50,"
                + "\"apiRequestsPerMinute\":3000}}",
            java.util.Map.of());
    assertThat(noHours.status()).as(noHours.toString()).isEqualTo(200);
    String gpu =
        request("gpu_model", null, 1, "").replace("\"seed\":1,", "\"seed\":1,\"device\":\"gpu\",");
    // tabular-mlp declares no GPU use: the device itself is refused, naming the field.
    Reply noGpuType = Api.post(base(b) + "/training-runs", analystOfB, gpu);
    assertThat(noGpuType.status()).as(noGpuType.toString()).isEqualTo(400);
    assertThat(noGpuType.json().getJsonObject("errors").getString("device"))
        .contains("does not use a GPU");
    // text-ngrams can use one, but the tenant's GPU hours are used up: refused now, not queued.
    Reply hours =
        Api.post(
            base(b) + "/training-runs",
            analystOfB,
            "{\"model\":\"gpu_model\",\"dataset\":\"customers\",\"target\":\"plan\","
                + "\"task\":\"text-classification\",\"modelType\":\"text-ngrams\","
                + "\"device\":\"gpu\"}");
    assertThat(hours.status()).as(hours.toString()).isEqualTo(422);
    assertThat(hours.json().getString("detail")).contains("of its 0 GPU hours");
    assertThat(Api.get(base(b) + "/training-runs", analystOfB).body()).doesNotContain("gpu_model");
    // The jobs page shows the quota the tenant works within.
    JsonObject jobs = Api.get(base(b) + "/jobs", analystOfB).json();
    assertThat(jobs.getJsonObject("quota").getInt("gpuHoursPerMonth")).isZero();
    assertThat(jobs.getJsonObject("quota").getInt("cpuJobsAllowed")).isEqualTo(1);
  }

  @Test
  void letThePlatformChooseTriesCandidatesAndKeepsTheBest() {
    JsonObject run =
        awaitFinished(
            a,
            analyst,
            start(
                    a,
                    analyst,
                    "{\"model\":\"churn_auto\",\"dataset\":\"customers\",\"target\":\"churned\","
                        + "\"modelType\":\"auto\",\"seed\":3,\"version\":"
                        + firstVersion
                        + "}")
                .getString("id"));
    assertThat(run.getString("status")).as(run.toString()).isEqualTo("succeeded");
    assertThat(run.getString("modelType")).isEqualTo("tabular-mlp");
    var tried = run.getJsonArray("search");
    assertThat(tried.size()).as("candidates tried").isGreaterThan(1);
    double kept = run.getJsonObject("metrics").getJsonNumber("accuracy").doubleValue();
    for (var t : tried) {
      assertThat(t.asJsonObject().getJsonNumber("value").doubleValue())
          .as("the kept model is the best of those tried")
          .isLessThanOrEqualTo(kept);
    }
    // The kept settings are written on the run: naming them reproduces the same model.
    JsonObject again =
        awaitFinished(
            a,
            analyst,
            start(
                    a,
                    analyst,
                    "{\"model\":\"churn_auto\",\"dataset\":\"customers\",\"target\":\"churned\","
                        + "\"modelType\":\"tabular-mlp\",\"seed\":3,\"version\":"
                        + firstVersion
                        + ",\"hyperParameters\":"
                        + run.getJsonObject("hyperParameters")
                        + "}")
                .getString("id"));
    assertThat(again.getString("artifactSha256")).isEqualTo(run.getString("artifactSha256"));
    Reply withSettings =
        Api.post(
            base(a) + "/training-runs",
            analyst,
            "{\"model\":\"x_auto\",\"dataset\":\"customers\",\"target\":\"churned\","
                + "\"modelType\":\"auto\",\"hyperParameters\":{\"epochs\":\"3\"}}");
    assertThat(withSettings.status()).isEqualTo(400);
  }
}
