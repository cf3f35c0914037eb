package io.millwright.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real files nobody here wrote, through the whole path a person takes: infer the columns, declare
 * the dataset from them, upload, and query. Every row is accounted for, and SQL answers agree with
 * facts about the data.
 */
class PublicDatasetsIT {

  static Fixtures.TestTenant tenant;
  static String engineer;

  @BeforeAll
  static void tenant() {
    tenant = Fixtures.tenant("public");
    engineer = Fixtures.member(tenant, "engineer", "data-engineer");
  }

  static String base() {
    return "/api/tenants/" + tenant.slug() + "/datasets";
  }

  /** Infers, declares (with the inferred columns), uploads; returns the upload. */
  static JsonObject load(String name, String file, List<String> key) throws Exception {
    return load(tenant, engineer, name, PublicData.file(file), key);
  }

  /** The same for any tenant and CSV file. */
  static JsonObject load(
      Fixtures.TestTenant tenant, String engineer, String name, Path path, List<String> key)
      throws Exception {
    String base = "/api/tenants/" + tenant.slug() + "/datasets";
    String file = path.getFileName().toString();
    byte[] body = Files.readAllBytes(path);
    Reply inferred =
        Api.upload(base + "/inference?fileName=" + file, engineer, "text/csv", body, Map.of());
    assertThat(inferred.status()).as(inferred.toString()).isEqualTo(200);
    List<String> columns = new ArrayList<>();
    for (JsonValue v : inferred.json().getJsonArray("inferredColumns")) {
      JsonObject c = v.asJsonObject();
      columns.add(
          "{\"name\":\""
              + c.getString("name")
              + "\",\"type\":\""
              + c.getString("type")
              + "\""
              + (c.containsKey("unit") ? ",\"unit\":" + Json.quote(c.getString("unit")) : "")
              + "}");
    }
    String declaration =
        "{\"name\":\""
            + name
            + "\",\"columns\":["
            + String.join(",", columns)
            + "]"
            + (key.isEmpty() ? "" : ",\"primaryKey\":[\"" + String.join("\",\"", key) + "\"]")
            + "}";
    Reply made = Api.post(base, engineer, declaration);
    assertThat(made.status()).as(made.toString()).isEqualTo(201);
    Reply up =
        Api.upload(
            base + "/" + name + "/uploads?fileName=" + file, engineer, "text/csv", body, Map.of());
    assertThat(up.status()).as(up.toString()).isEqualTo(201);
    JsonObject u = up.json();
    long lines = Files.readAllLines(path).stream().filter(l -> !l.isBlank()).count() - 1;
    assertThat(u.getJsonNumber("rowsRead").longValue()).as(file).isEqualTo(lines);
    assertThat(
            u.getJsonNumber("rowsWritten").longValue()
                + u.getJsonNumber("rowsQuarantined").longValue()
                + u.getJsonNumber("rowsDeduplicated").longValue())
        .isEqualTo(lines);
    return u;
  }

  static JsonArray sql(String query) {
    Reply r =
        Api.post(
            "/api/tenants/" + tenant.slug() + "/sql",
            engineer,
            "{\"sql\":" + Json.quote(query) + "}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json().getJsonArray("rows");
  }

  static Map<String, String> types(String name) {
    Reply d = Api.get(base() + "/" + name, engineer);
    Map<String, String> types = new java.util.LinkedHashMap<>();
    for (JsonValue v : d.json().getJsonObject("contract").getJsonArray("columns")) {
      types.put(v.asJsonObject().getString("name"), v.asJsonObject().getString("type"));
    }
    return types;
  }

  @Test
  void seattleWeatherFromNoaa() throws Exception {
    JsonObject u = load("seattle_weather", "seattle-weather.csv", List.of("date"));
    assertThat(u.getInt("rowsWritten")).isEqualTo(1461);
    assertThat(u.getInt("rowsQuarantined")).isZero();
    assertThat(types("seattle_weather"))
        .containsEntry("date", "date")
        .containsEntry("precipitation", "decimal")
        .containsEntry("weather", "string");
    // Four years of days, 2012-2015 (2012 a leap year).
    assertThat(
            sql("select min(date), max(date), count(distinct date) from seattle_weather")
                .toString())
        .isEqualTo("[[\"2012-01-01\",\"2015-12-31\",1461]]");
    assertThat(
            sql("select count(*) from seattle_weather where weather = 'sun'")
                .getJsonArray(0)
                .getJsonNumber(0)
                .longValue())
        .isPositive();
  }

  @Test
  void faaBirdStrikesWithOddHeaders() throws Exception {
    JsonObject u = load("bird_strikes", "birdstrikes.csv", List.of());
    assertThat(u.getInt("rowsWritten")).isEqualTo(10_000);
    // "Cost Total $" and "Speed IAS in knots" become plain column names.
    assertThat(types("bird_strikes"))
        .containsKeys("cost_total", "speed_ias_in_knots", "flight_date");
    assertThat(types("bird_strikes").get("flight_date")).isEqualTo("date");
    JsonArray worst =
        sql(
            "select origin_state, sum(cost_total) c from bird_strikes group by 1 order by 2 desc limit 1");
    assertThat(worst.getJsonArray(0).getString(0)).isNotBlank();
  }

  @Test
  void stockPricesWithWordyDates() throws Exception {
    JsonObject u = load("stocks", "stocks.csv", List.of("symbol", "date"));
    assertThat(u.getInt("rowsWritten")).isEqualTo(560);
    assertThat(types("stocks").get("date")).isEqualTo("date");
    assertThat(
            sql("select string_agg(distinct symbol, ',' order by symbol) from stocks").toString())
        .isEqualTo("[[\"AAPL,AMZN,GOOG,IBM,MSFT\"]]");
    assertThat(
            sql("select price from stocks where symbol = 'MSFT' and date = '2000-01-01'")
                .toString())
        .isEqualTo("[[39.81]]");
  }

  @Test
  void usAirportsWithQuotedNamesAndCoordinates() throws Exception {
    JsonObject u = load("airports", "airports.csv", List.of("iata"));
    assertThat(u.getInt("rowsWritten") + u.getInt("rowsQuarantined")).isEqualTo(3376);
    assertThat(types("airports")).containsEntry("latitude", "decimal");
    assertThat(sql("select name, city from airports where iata = 'SEA'").toString())
        .contains("Seattle");
  }
}
