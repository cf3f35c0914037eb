package io.millwright.server.datasets.ingest;

import static io.millwright.server.datasets.ingest.Rows.cells;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.millwright.server.glossary.DataType;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {

  private static final ParseOptions DMY_DOT = new ParseOptions(DateOrder.DMY, '.', ZoneOffset.UTC);

  private static List<SourceRow> rows(String[]... cellRows) {
    List<SourceRow> rows = new ArrayList<>();
    for (int i = 0; i < cellRows.length; i++) {
      rows.add(new SourceRow(i + 2, cells(cellRows[i]), null));
    }
    return rows;
  }

  @Test
  void picksTheNarrowestTypeForEachColumn() {
    List<String> columns =
        List.of("Active?", "flag01", "count", "price", "day", "seen at", "label", "empty");
    List<SourceRow> sample =
        rows(
            new String[] {"yes", "1", "10", "1.5", "2024-03-01", "2024-03-01 10:00", "a", ""},
            new String[] {"No", "0", "-3", "2", "02/03/2024", "2024-03-02T11:00:00Z", "7", "NULL"},
            new String[] {"TRUE", "1", "1,000", "3", "Mar 3, 2024", "2024-03-03", "b", null},
            new String[] {"", "", "", "", "", "", "", ""});

    List<InferredColumn> inferred = SchemaInference.infer(columns, sample, DMY_DOT);

    assertThat(inferred)
        .containsExactly(
            new InferredColumn("Active?", "active", DataType.BOOLEAN, null, true, 0.25),
            new InferredColumn("flag01", "flag01", DataType.INTEGER, null, true, 0.25),
            new InferredColumn("count", "count", DataType.INTEGER, null, true, 0.25),
            new InferredColumn("price", "price", DataType.DECIMAL, null, true, 0.25),
            new InferredColumn("day", "day", DataType.DATE, null, true, 0.25),
            new InferredColumn("seen at", "seen_at", DataType.TIMESTAMP, null, true, 0.25),
            new InferredColumn("label", "label", DataType.STRING, null, true, 0.25),
            new InferredColumn("empty", "empty", DataType.STRING, null, true, 1.0));
  }

  @Test
  void noNullsMeansNotNullable() {
    List<InferredColumn> inferred =
        SchemaInference.infer(List.of("id"), rows(new String[] {"1"}, new String[] {"2"}), DMY_DOT);
    assertThat(inferred.get(0).nullable()).isFalse();
    assertThat(inferred.get(0).nullRate()).isEqualTo(0.0);
  }

  @Test
  void detectsUnitsFromValuesAndBracketedHeaders() {
    List<String> columns =
        List.of("temp (°C)", "weight", "length [ft]", "mixed mass", "weight_kg", "name (optional)");
    List<SourceRow> sample =
        rows(
            new String[] {"21.5", "5 kg", "3", "1 lb", "4", "x"},
            new String[] {"70°F", "3 kg", "2 m", "2 kg", "5", "y"},
            new String[] {"", "", "", "3 kg", "6", "z"});

    List<InferredColumn> inferred = SchemaInference.infer(columns, sample, DMY_DOT);

    assertThat(inferred)
        .extracting(InferredColumn::name, InferredColumn::type, InferredColumn::unit)
        .containsExactly(
            tuple("temp", DataType.DECIMAL, "degC"),
            tuple("weight", DataType.INTEGER, "kg"),
            tuple("length", DataType.DECIMAL, "ft"),
            tuple("mixed_mass", DataType.DECIMAL, "kg"),
            tuple("weight_kg", DataType.INTEGER, null),
            tuple("name_optional", DataType.STRING, null));
  }

  @Test
  void oneWrongCellKeepsTheColumnText() {
    List<InferredColumn> inferred =
        SchemaInference.infer(
            List.of("qty"),
            rows(new String[] {"1"}, new String[] {"2"}, new String[] {"12abc"}),
            DMY_DOT);
    assertThat(inferred.get(0).type()).isEqualTo(DataType.STRING);
  }

  @Test
  void brokenRowsDoNotCount() {
    List<SourceRow> sample =
        List.of(
            new SourceRow(2, cells("1"), null),
            new SourceRow(3, cells("oops", "2"), "row has 2 cells but the header has 1"));
    assertThat(SchemaInference.infer(List.of("n"), sample, DMY_DOT))
        .containsExactly(new InferredColumn("n", "n", DataType.INTEGER, null, false, 0.0));
  }

  @Test
  void namesAreSafeAndUnique() {
    List<String> columns =
        List.of(
            "Order ID",
            "orderId",
            "order_id",
            "1st place",
            "***",
            "Größe",
            "Café Name",
            "x".repeat(100),
            "x".repeat(100));
    List<InferredColumn> inferred = SchemaInference.infer(columns, List.of(), DMY_DOT);
    assertThat(inferred)
        .extracting(InferredColumn::name)
        .containsExactly(
            "order_id",
            "order_id_2",
            "order_id_3",
            "c_1st_place",
            "column_5",
            "grosse",
            "cafe_name",
            "x".repeat(63),
            "x".repeat(61) + "_2");
    assertThat(inferred).allSatisfy(c -> assertThat(c.name()).matches("[a-z][a-z0-9_]{0,62}"));
    assertThat(inferred).allSatisfy(c -> assertThat(c.type()).isEqualTo(DataType.STRING));
  }

  @Test
  void dateOrderEvidence() {
    assertThat(
            SchemaInference.detectDateOrder(
                rows(new String[] {"01/02/2024", "x"}, new String[] {"25/12/2024", "y"})))
        .isEqualTo(DateOrder.DMY);
    assertThat(SchemaInference.detectDateOrder(rows(new String[] {"12.31.2024 10:00"})))
        .isEqualTo(DateOrder.MDY);
    assertThat(SchemaInference.detectDateOrder(rows(new String[] {"01/02/2024", "2024-12-31"})))
        .isNull();
    assertThat(
            SchemaInference.detectDateOrder(
                rows(new String[] {"13/01/2024"}, new String[] {"01/13/2024"})))
        .isNull();
  }

  @Test
  void infersTheMessyCsv() throws IOException {
    List<SourceRow> sample;
    List<String> columns;
    try (RowSource source = Rows.open(SourceFormat.CSV, CsvRowSourceTest.MESSY)) {
      columns = source.columns();
      sample = Rows.readAll(source);
    }
    assertThat(SchemaInference.detectDateOrder(sample)).isEqualTo(DateOrder.DMY);
    ParseOptions european = new ParseOptions(DateOrder.DMY, ',', ZoneOffset.UTC);

    List<InferredColumn> inferred = SchemaInference.infer(columns, sample, european);

    assertThat(inferred)
        .containsExactly(
            new InferredColumn("id", "id", DataType.INTEGER, null, false, 0.0),
            new InferredColumn("name", "name", DataType.STRING, null, false, 0.0),
            new InferredColumn("weight (kg)", "weight", DataType.DECIMAL, "kg", true, 1.0 / 3),
            new InferredColumn("born", "born", DataType.DATE, null, false, 0.0),
            new InferredColumn("amount", "amount", DataType.STRING, null, false, 0.0));

    ValueParser parser = new ValueParser(european);
    assertThat(parser.parse(sample.get(0).cell(2), DataType.DECIMAL, "kg").value()).isEqualTo(12.5);
    assertThat(parser.parse(sample.get(1).cell(2), DataType.DECIMAL, "kg").value())
        .isEqualTo(1.36077711);
    assertThat(parser.parse(sample.get(0).cell(4), DataType.DECIMAL).value()).isEqualTo(1234.5);
    assertThat(parser.parse(sample.get(2).cell(4), DataType.DECIMAL).failure())
        .isEqualTo("'12abc' is not a number");
    assertThat(parser.parse(sample.get(2).cell(1), DataType.STRING).value()).isEqualTo("Cara");
  }
}
