package io.millwright.connector.files;

import static io.millwright.connector.files.Drop.CONNECTOR;
import static io.millwright.connector.files.Drop.context;
import static io.millwright.connector.files.Drop.drain;
import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** XLSX workbooks written with POI, read back through the streaming reader. */
class XlsxTest {

  @TempDir Path folder;

  private List<SourceRecord> read(String... config) throws Exception {
    try (PollingSource source = CONNECTOR.openPolling(context(new Drop(folder).config(config)))) {
      return drain(source, null, 1000).records();
    }
  }

  private static void orders(Workbook wb) {
    CreationHelper h = wb.getCreationHelper();
    CellStyle date = wb.createCellStyle();
    date.setDataFormat(h.createDataFormat().getFormat("dd.mm.yyyy"));
    CellStyle stamp = wb.createCellStyle();
    stamp.setDataFormat(h.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
    CellStyle money = wb.createCellStyle();
    money.setDataFormat(h.createDataFormat().getFormat("#,##0.00 €"));
    wb.createSheet("Notes").createRow(0).createCell(0).setCellValue("not this one");
    Sheet s = wb.createSheet("Orders");
    Row header = s.createRow(0);
    String[] names = {"id", "customer", "ordered", "shipped", "total", "paid", "net", "ratio"};
    for (int i = 0; i < names.length; i++) {
      header.createCell(i).setCellValue(names[i]);
    }
    Row r = s.createRow(1);
    r.createCell(0).setCellValue(1);
    r.createCell(1).setCellValue("Zoë, \"the\" buyer");
    Cell d = r.createCell(2);
    d.setCellValue(LocalDate.of(2024, 3, 1));
    d.setCellStyle(date);
    Cell t = r.createCell(3);
    t.setCellValue(LocalDateTime.of(2024, 3, 2, 14, 30));
    t.setCellStyle(stamp);
    Cell m = r.createCell(4);
    m.setCellValue(1234.5);
    m.setCellStyle(money);
    r.createCell(5).setCellValue(true);
    r.createCell(6).setCellFormula("E2-0.1-0.2");
    r.createCell(7).setCellValue(0.1 + 0.2);
    // Row 3 left out; row 4 with gaps; row 5 with a cell beyond the header.
    Row gaps = s.createRow(3);
    gaps.createCell(0).setCellValue(2);
    gaps.createCell(4).setCellValue(7);
    Row wide = s.createRow(4);
    wide.createCell(0).setCellValue(3);
    wide.createCell(10).setCellValue("stray");
    Row last = s.createRow(5);
    last.createCell(0).setCellValue(4);
    last.createCell(1).setCellValue("");
    wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
  }

  @Test
  void cellsBecomeCanonicalTextAndTheSheetIsChosenByName() throws Exception {
    new Drop(folder).xlsx("orders.xlsx", XlsxTest::orders);
    List<SourceRecord> r = read("sheet", "Orders");
    assertThat(r).hasSize(4);
    assertThat(r.get(0).origin()).isEqualTo("orders.xlsx Orders row 2");
    assertThat(r.get(0).values())
        .containsExactly(
            Map.entry("id", "1"),
            Map.entry("customer", "Zoë, \"the\" buyer"),
            Map.entry("ordered", "2024-03-01"),
            Map.entry("shipped", "2024-03-02T14:30"),
            Map.entry("total", "1234.5"),
            Map.entry("paid", "true"),
            Map.entry("net", "1234.2"),
            Map.entry("ratio", "0.3"));
    assertThat(r.get(1).origin()).isEqualTo("orders.xlsx Orders row 4");
    assertThat(r.get(1).values())
        .containsEntry("id", "2")
        .containsEntry("customer", null)
        .containsEntry("total", "7")
        .containsEntry("ratio", null);
    assertThat(r.get(2).isUnreadable()).isTrue();
    assertThat(r.get(2).raw()).isEqualTo("3,,,,,,,,,,stray");
    assertThat(r.get(2).problem()).contains("beyond the 8 named by the header (up to column K)");
    assertThat(r.get(3).values()).containsEntry("id", "4").containsEntry("customer", null);
  }

  @Test
  void theFirstSheetByDefaultAndAMissingSheetQuarantinesTheFile() throws Exception {
    new Drop(folder).xlsx("orders.xlsx", XlsxTest::orders);
    List<SourceRecord> first = read();
    assertThat(first).isEmpty(); // "Notes" has a header and nothing else

    List<SourceRecord> missing = read("sheet", "Invoices");
    assertThat(missing).hasSize(1);
    assertThat(missing.get(0).problem())
        .isEqualTo("the workbook has no sheet named 'Invoices'; its sheets are [Notes, Orders]");
  }

  @Test
  void aFileThatIsNoWorkbookIsQuarantinedAndTheFolderGoesOn() throws Exception {
    Drop drop = new Drop(folder);
    drop.text("broken.xlsx", "this is not a zip");
    drop.bytes("legacy.xls", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0, 0, 0});
    drop.text("next.csv", Drop.orders(1, 1));
    List<SourceRecord> r = read("pattern", "*");
    assertThat(r).hasSize(3);
    assertThat(r.get(0).origin()).isEqualTo("broken.xlsx");
    assertThat(r.get(0).problem()).startsWith("not a readable .xlsx workbook");
    assertThat(r.get(1).problem()).contains(".xls) is not read; save the file as .xlsx or CSV");
    assertThat(r.get(2).isUnreadable()).isFalse();
  }

  @Test
  void cellReferencesAndNumbersAreDecodedLikeExcel() {
    assertThat(XlsxRows.column("A1")).isZero();
    assertThat(XlsxRows.column("Z9")).isEqualTo(25);
    assertThat(XlsxRows.column("AA10")).isEqualTo(26);
    assertThat(XlsxRows.column("XFD1048576")).isEqualTo(16383);
    assertThat(XlsxRows.column("$C$3")).isEqualTo(2);
    assertThat(XlsxRows.plain(0.1 + 0.2)).isEqualTo("0.3");
    assertThat(XlsxRows.plain(1e21)).isEqualTo("1000000000000000000000");
    assertThat(XlsxRows.plain(-0.0)).isEqualTo("0");
    assertThat(XlsxRows.dateText(0.5, false)).isEqualTo("12:00");
    assertThat(XlsxRows.dateText(45352, false)).isEqualTo("2024-03-01");
    assertThat(XlsxRows.dateText(45352, true)).isEqualTo("2028-03-02");
  }

  @Test
  void aLongSheetIsStreamedAndReadInBatchesAcrossPolls() throws Exception {
    Path p = folder.resolve("big.xlsx");
    try (SXSSFWorkbook wb = new SXSSFWorkbook(100)) {
      Sheet s = wb.createSheet("Data");
      Row h = s.createRow(0);
      h.createCell(0).setCellValue("id");
      h.createCell(1).setCellValue("value");
      for (int i = 1; i <= 20_000; i++) {
        Row r = s.createRow(i);
        r.createCell(0).setCellValue(i);
        r.createCell(1).setCellValue("v" + i);
      }
      try (var out = Files.newOutputStream(p)) {
        wb.write(out);
      }
      wb.dispose();
    }
    new Drop(folder).aged(p);
    try (PollingSource source = CONNECTOR.openPolling(context(new Drop(folder).config()))) {
      Batch b = source.poll(null, 7_000);
      assertThat(b.records()).hasSize(7_000);
      assertThat(b.more()).isTrue();
      assertThat(b.next().value()).contains("\"row\":7000,\"done\":false");
      var rest = drain(source, b.next(), 7_000);
      assertThat(rest.records()).hasSize(13_000);
      assertThat(rest.ids().get(0)).isEqualTo("7001");
      assertThat(rest.ids().get(12_999)).isEqualTo("20000");
      assertThat(rest.end().value()).contains("\"row\":20000,\"done\":true");
    }
  }
}
