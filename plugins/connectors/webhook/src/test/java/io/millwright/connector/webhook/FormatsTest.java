package io.millwright.connector.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.PushDelivery;
import io.millwright.plugin.api.connector.PushSource;
import io.millwright.plugin.api.connector.SourceRecord;
import io.millwright.plugin.api.connector.kit.TestContext;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies in each format, sent signed through a push source: what becomes a record, what is handed
 * over as unreadable with its raw text, and what refuses the whole request.
 */
class FormatsTest {

  static final String SECRET = "formats-test-secret-1c9e77a02b";

  private final WebhookConnector connector = new WebhookConnector();
  private final Sender sender = new Sender(SECRET);

  private PushSource source(String format, int maxRecords) throws ConnectorException {
    return connector.openPush(
        new TestContext(
            connector.descriptor(),
            Map.of(
                "secret", SECRET, "format", format, "maxRecords", Integer.toString(maxRecords))));
  }

  private List<SourceRecord> receive(String format, String body) throws Exception {
    return receive(format, body.getBytes(StandardCharsets.UTF_8));
  }

  private List<SourceRecord> receive(String format, byte[] body) throws Exception {
    PushDelivery d = source(format, 10_000).receive(sender.push("d-1", "1714060800", body));
    assertThat(d.id()).isEqualTo("d-1");
    return d.records();
  }

  private String refused(String format, int maxRecords, String body) throws Exception {
    return refused(format, maxRecords, body.getBytes(StandardCharsets.UTF_8));
  }

  private String refused(String format, int maxRecords, byte[] body) throws Exception {
    PushSource source = source(format, maxRecords);
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class, () -> source.receive(sender.push("d-1", "1714060800", body)));
    assertThat(e).as("refused").isNotNull();
    assertThat(e.kind()).isEqualTo(ConnectorException.Kind.REJECTED);
    return e.getMessage();
  }

  // ---- json -----------------------------------------------------------------------------------

  @Test
  void aJsonObjectIsOneRecordWithItsValuesTypedAndNestedOnesAsJsonText() throws Exception {
    String body =
        """
        {"id": 42, "name": "Ada", "big": 123456789012345678901234567890, "ratio": 0.25,
         "precise": 1.000000000000000000001, "paid": true, "note": null,
         "address": {"city": "Lyon", "zip": "69001"}, "tags": ["a", 2], "empty": {}}
        """;
    List<SourceRecord> records = receive("json", body);
    assertThat(records).hasSize(1);
    SourceRecord r = records.get(0);
    assertThat(r.origin()).isEqualTo("delivery d-1 #1");
    assertThat(r.isUnreadable()).isFalse();
    assertThat(r.values().keySet())
        .containsExactly(
            "id", "name", "big", "ratio", "precise", "paid", "note", "address", "tags", "empty");
    assertThat(r.values().get("id")).isEqualTo(42L);
    assertThat(r.values().get("name")).isEqualTo("Ada");
    assertThat(r.values().get("big")).isEqualTo(new BigDecimal("123456789012345678901234567890"));
    assertThat(r.values().get("ratio")).isEqualTo(0.25);
    assertThat(r.values().get("precise")).isEqualTo(new BigDecimal("1.000000000000000000001"));
    assertThat(r.values().get("paid")).isEqualTo(true);
    assertThat(r.values()).containsEntry("note", null);
    assertThat(r.values().get("address")).isEqualTo("{\"city\":\"Lyon\",\"zip\":\"69001\"}");
    assertThat(r.values().get("tags")).isEqualTo("[\"a\",2]");
    assertThat(r.values().get("empty")).isEqualTo("{}");
  }

  @Test
  void aJsonArrayIsManyRecordsAndAnElementThatIsNoObjectIsUnreadable() throws Exception {
    List<SourceRecord> records =
        receive("json", "[{\"id\":1},\"oops\",{\"id\":3},[1,2],{\"id\":5}]");
    assertThat(records)
        .extracting(SourceRecord::origin)
        .containsExactly(
            "delivery d-1 #1",
            "delivery d-1 #2",
            "delivery d-1 #3",
            "delivery d-1 #4",
            "delivery d-1 #5");
    assertThat(records).filteredOn(SourceRecord::isUnreadable).hasSize(2);
    assertThat(records.get(1).raw()).isEqualTo("\"oops\"");
    assertThat(records.get(1).problem()).isEqualTo("record 2 is a string, not a JSON object");
    assertThat(records.get(3).raw()).isEqualTo("[1,2]");
    assertThat(records.get(3).problem()).isEqualTo("record 4 is an array, not a JSON object");
    assertThat(records.get(4).values()).containsEntry("id", 5L);
  }

  @Test
  void anObjectWithARecordsArrayIsAnEnvelope() throws Exception {
    List<SourceRecord> records =
        receive("json", "{\"type\":\"orders\",\"records\":[{\"id\":1},{\"id\":2}]}");
    assertThat(records).extracting(r -> r.values().get("id")).containsExactly(1L, 2L);

    // records that is not an array is an ordinary field of one record
    List<SourceRecord> one = receive("json", "{\"id\":7,\"records\":\"none\"}");
    assertThat(one)
        .singleElement()
        .satisfies(r -> assertThat(r.values()).containsEntry("records", "none"));
  }

  @Test
  void anEmptyArrayIsADeliveryWithoutRecords() throws Exception {
    assertThat(receive("json", "[]")).isEmpty();
    assertThat(receive("json", "{\"records\": []}")).isEmpty();
  }

  @Test
  void aByteOrderMarkIsDropped() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    body.write("{\"id\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(receive("json", body.toByteArray()))
        .singleElement()
        .satisfies(r -> assertThat(r.values()).containsEntry("id", 1L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"id=1&name=Ada", "{\"id\":1,}", "[{\"id\":1}] trailing", "{'id':1}"})
  void aJsonBodyThatIsNotJsonIsRefusedWithThePosition(String body) throws Exception {
    assertThat(refused("json", 10_000, body))
        .startsWith("the body (format json) is not JSON: ")
        .containsPattern("at character \\d+$");
  }

  @Test
  void anEmptyOrScalarJsonBodyIsRefused() throws Exception {
    assertThat(refused("json", 10_000, "")).contains("not JSON").contains("empty");
    assertThat(refused("json", 10_000, "\"just text\""))
        .isEqualTo(
            "the body (format json) is a string; it must be an object (one record), an array of"
                + " objects or {\"records\": [...]}");
  }

  @Test
  void aJsonBodyThatIsNotUtf8IsRefusedWithTheByte() throws Exception {
    byte[] body = "{\"name\":\"Caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertThat(refused("json", 10_000, body))
        .isEqualTo(
            "the body (format json) is not UTF-8: byte 13 does not belong to a UTF-8 character");
  }

  // ---- jsonl ----------------------------------------------------------------------------------

  @Test
  void jsonLinesWithABrokenLineKeepItsTextAndGoOn() throws Exception {
    String body =
        "{\"sensor\":\"a\",\"celsius\":21.5}\r\n"
            + "\n"
            + "   \n"
            + "{\"sensor\":\"b\",\"celsius\":}\n"
            + "[1,2,3]\n"
            + "{\"sensor\":\"c\",\"celsius\":19}";
    List<SourceRecord> records = receive("jsonl", body);
    assertThat(records).hasSize(4);
    assertThat(records.get(0).values())
        .containsExactly(entry("sensor", "a"), entry("celsius", 21.5));
    SourceRecord broken = records.get(1);
    assertThat(broken.isUnreadable()).isTrue();
    assertThat(broken.origin()).isEqualTo("delivery d-1 #2");
    assertThat(broken.raw()).isEqualTo("{\"sensor\":\"b\",\"celsius\":}");
    assertThat(broken.problem())
        .isEqualTo("line 4 is not JSON: unexpected '}', expected a JSON value at character 25");
    assertThat(records.get(2).raw()).isEqualTo("[1,2,3]");
    assertThat(records.get(2).problem()).isEqualTo("line 5 is an array, not a JSON object");
    assertThat(records.get(3).values()).containsEntry("celsius", 19L);
    assertThat(records.get(3).origin()).isEqualTo("delivery d-1 #4");
  }

  @Test
  void aJsonLineThatIsNotUtf8IsUnreadableAndTheOthersAreRead() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write("{\"n\":1}\n".getBytes(StandardCharsets.UTF_8));
    body.write("{\"name\":\"Caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
    body.write("{\"name\":\"Caf\u00e9\"}\n".getBytes(StandardCharsets.UTF_8));
    List<SourceRecord> records = receive("jsonl", body.toByteArray());
    assertThat(records).hasSize(3);
    assertThat(records.get(1).isUnreadable()).isTrue();
    assertThat(records.get(1).raw()).isEqualTo("{\"name\":\"Caf\uFFFD\"}");
    assertThat(records.get(1).problem()).isEqualTo("line 2 holds bytes that are not UTF-8");
    assertThat(records.get(2).values()).containsEntry("name", "Caf\u00e9");
  }

  @Test
  void anEmptyJsonLinesBodyHasNoRecords() throws Exception {
    assertThat(receive("jsonl", "")).isEmpty();
    assertThat(receive("jsonl", "\n\n")).isEmpty();
  }

  // ---- csv ------------------------------------------------------------------------------------

  @Test
  void csvWithQuotesAndAShortRow() throws Exception {
    String body =
        " id , name,note,\r\n"
            + "1,\"Smith, Ada\",\"she said \"\"hi\"\"\"\r\n"
            + "2,Bob\r\n"
            + "\r\n"
            + "3,\"two\nlines\",\r\n"
            + "4,,plain,\r\n"
            + "5,Eve,x,extra\r\n"
            + "6,\"Zed\"oops,y\r\n"
            + "7,Last,\"\"";
    List<SourceRecord> records = receive("csv", body);
    assertThat(records).hasSize(7);
    assertThat(records.get(0).values())
        .containsExactly(
            entry("id", "1"), entry("name", "Smith, Ada"), entry("note", "she said \"hi\""));
    SourceRecord shortRow = records.get(1);
    assertThat(shortRow.isUnreadable()).isTrue();
    assertThat(shortRow.raw()).isEqualTo("2,Bob");
    assertThat(shortRow.problem()).isEqualTo("line 3 has 2 fields, the header has 3");
    assertThat(shortRow.origin()).isEqualTo("delivery d-1 #2");
    assertThat(records.get(2).values())
        .containsEntry("name", "two\nlines")
        .containsEntry("note", null);
    assertThat(records.get(3).values()).containsEntry("name", null).containsEntry("note", "plain");
    assertThat(records.get(4).problem()).isEqualTo("line 8 has 4 fields, the header has 3");
    assertThat(records.get(4).raw()).isEqualTo("5,Eve,x,extra");
    assertThat(records.get(5).raw()).isEqualTo("6,\"Zed\"oops,y");
    assertThat(records.get(5).problem())
        .startsWith("line 9: text after the closing quote of field 2");
    assertThat(records.get(6).values())
        .containsExactly(entry("id", "7"), entry("name", "Last"), entry("note", null));
    assertThat(records.get(6).origin()).isEqualTo("delivery d-1 #7");
  }

  @Test
  void anUnclosedQuoteTakesTheRestOfTheBodyAsOneUnreadableRow() throws Exception {
    List<SourceRecord> records = receive("csv", "a,b\n1,2\n3,\"open\n4,5\n");
    assertThat(records).hasSize(2);
    assertThat(records.get(1).raw()).isEqualTo("3,\"open\n4,5\n");
    assertThat(records.get(1).problem())
        .isEqualTo("line 3: the quote that opens field 2 is never closed");
  }

  @Test
  void aCsvRowThatIsNotUtf8IsUnreadable() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write("name,city\n".getBytes(StandardCharsets.UTF_8));
    body.write("Ren\u00e9,Paris\n".getBytes(StandardCharsets.ISO_8859_1));
    body.write("Zo\u00e9,Lyon\n".getBytes(StandardCharsets.UTF_8));
    List<SourceRecord> records = receive("csv", body.toByteArray());
    assertThat(records.get(0).problem()).isEqualTo("line 2 holds bytes that are not UTF-8");
    assertThat(records.get(0).raw()).isEqualTo("Ren\uFFFD,Paris");
    assertThat(records.get(1).values()).containsEntry("name", "Zo\u00e9");
  }

  @Test
  void aCsvHeaderThatCannotNameTheColumnsRefusesTheBody() throws Exception {
    assertThat(refused("csv", 10_000, "id,name,id\n1,a,2\n"))
        .isEqualTo(
            "the header row of the body (format csv) names columns 1 and 3 both 'id'; column"
                + " names must be unique");
    assertThat(refused("csv", 10_000, "id,,name\n1,2,3\n")).contains("no name for column 2");
    assertThat(refused("csv", 10_000, "id,\"name\"x\n1,2\n"))
        .startsWith("the header row (line 1) of the body (format csv) cannot be read");
  }

  @Test
  void aCsvBodyWithoutRowsHasNoRecords() throws Exception {
    assertThat(receive("csv", "")).isEmpty();
    assertThat(receive("csv", "\r\n\r\n")).isEmpty();
    assertThat(receive("csv", "id,name\r\n")).isEmpty();
  }

  // ---- limits ---------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"json", "jsonl", "csv"})
  void moreRecordsThanMaxRecordsRefuseTheRequest(String format) throws Exception {
    String four =
        switch (format) {
          case "json" -> "{\"records\":" + Sender.orders(4) + "}";
          case "jsonl" -> WebhookContractTestBase.jsonLines(4);
          default -> WebhookContractTestBase.csv(4);
        };
    assertThat(refused(format, 3, four))
        .isEqualTo(
            "the request holds more than 3 records, the most this connection takes in one request"
                + " (maxRecords); send them in smaller requests");
    String three =
        switch (format) {
          case "json" -> Sender.orders(3);
          case "jsonl" -> WebhookContractTestBase.jsonLines(3);
          default -> WebhookContractTestBase.csv(3);
        };
    assertThat(source(format, 3).receive(sender.push("d-2", three)).records()).hasSize(3);
  }

  @Test
  void unreadableRecordsCountTowardsTheLimit() throws Exception {
    assertThat(refused("jsonl", 2, "{\"a\":1}\nnot json\n{\"a\":3}\n")).contains("more than 2");
  }
}
