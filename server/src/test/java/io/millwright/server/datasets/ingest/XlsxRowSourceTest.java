package io.millwright.server.datasets.ingest;

import static io.millwright.server.datasets.ingest.Rows.cells;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxRowSourceTest {

  /** A sheet as people make them: a blank top row, formats, blanks, a gap, a stray cell. */
  static byte[] workbook() throws IOException {
    try (SXSSFWorkbook wb = new SXSSFWorkbook(50)) {
      CreationHelper help = wb.getCreationHelper();
      CellStyle date = wb.createCellStyle();
      date.setDataFormat(help.createDataFormat().getFormat("dd/mm/yyyy"));
      CellStyle dateTime = wb.createCellStyle();
      dateTime.setDataFormat(help.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss"));
      CellStyle money = wb.createCellStyle();
      money.setDataFormat(help.createDataFormat().getFormat("#,##0.00"));
      CellStyle percent = wb.createCellStyle();
      percent.setDataFormat(help.createDataFormat().getFormat("0%"));

      Sheet other = wb.createSheet("Notes");
      other.createRow(0).createCell(0).setCellValue("only notes");

      Sheet sheet = wb.createSheet("Data");
      // Row 1 (index 0) left empty on purpose.
      Row header = sheet.createRow(1);
      String[] names = {"id", "when", "amount", "flag", "note", "at"};
      for (int i = 0; i < names.length; i++) {
        header.createCell(i).setCellValue(names[i]);
      }
      Row r3 = sheet.createRow(2);
      r3.createCell(0).setCellValue(1);
      r3.createCell(1).setCellValue(LocalDate.of(2024, 3, 1));
      r3.getCell(1).setCellStyle(date);
      r3.createCell(2).setCellValue(1234.5);
      r3.getCell(2).setCellStyle(money);
      r3.createCell(3).setCellValue(true);
      r3.createCell(4).setCellValue("TRUE");
      r3.createCell(5).setCellValue(LocalDateTime.of(2024, 3, 1, 14, 5, 7));
      r3.getCell(5).setCellStyle(dateTime);

      Row r4 = sheet.createRow(3);
      r4.createCell(0).setCellValue(2);
      r4.createCell(2).setCellValue(0.1 + 0.2); // 0.30000000000000004 in the file
      r4.createCell(3).setCellValue(false);
      r4.createCell(4).setCellValue(0.25);
      r4.getCell(4).setCellStyle(percent);

      // Row 5 (index 4) missing: a gap. Row 6 exists but is empty.
      sheet.createRow(5).createCell(4).setCellValue("");

      Row r7 = sheet.createRow(6);
      r7.createCell(0).setCellValue(3);
      r7.createCell(2).setCellValue(1e20);
      r7.createCell(3).setCellValue(-0.5);
      r7.createCell(7).setCellValue("stray");

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      return out.toByteArray();
    }
  }

  @Test
  void streamsTheNamedSheetAsCanonicalText() throws IOException {
    byte[] bytes = workbook();
    try (RowSource source =
        Rows.open(SourceFormat.XLSX, bytes, new SourceOptions(null, "Data", 0))) {
      assertThat(source.columns()).containsExactly("id", "when", "amount", "flag", "note", "at");
      assertThat(source.bytesRead()).isEqualTo(bytes.length);

      assertThat(Rows.readAll(source))
          .containsExactly(
              new SourceRow(
                  3,
                  cells("1", "2024-03-01", "1234.5", "true", "TRUE", "2024-03-01T14:05:07"),
                  null),
              new SourceRow(4, cells("2", null, "0.3", "false", "0.25", null), null),
              new SourceRow(
                  7,
                  cells("3", null, "100000000000000000000", "-0.5", null, null, null, "stray"),
                  "row has 8 cells but the header has 6"));
      assertThat(source.rowsRead()).isEqualTo(3);
      // Row 1 above the header, row 5 never written, row 6 written empty.
      assertThat(source.blankLinesSkipped()).isEqualTo(3);
    }
  }

  @Test
  void readsTheFirstSheetByDefault() throws IOException {
    try (RowSource source = Rows.open(SourceFormat.XLSX, workbook(), SourceOptions.defaults())) {
      assertThat(source.columns()).containsExactly("only notes");
      assertThat(source.next()).isNull();
    }
  }

  @Test
  void unknownSheetNamesTheSheetsThereAre() {
    assertThatThrownBy(
            () -> Rows.open(SourceFormat.XLSX, workbook(), new SourceOptions(null, "Sales", 0)))
        .isInstanceOf(MalformedSourceException.class)
        .hasMessage("the workbook has no sheet named 'Sales'; its sheets are [Notes, Data]");
  }

  @Test
  void notAWorkbookIsMalformed() {
    byte[] csv = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> Rows.open(SourceFormat.XLSX, csv, SourceOptions.defaults()))
        .isInstanceOf(MalformedSourceException.class)
        .hasMessage("the file is not a readable .xlsx workbook");
  }

  @Test
  void closingEarlyStopsTheParserAndDeletesTheSpoolFile() throws Exception {
    byte[] bytes;
    try (SXSSFWorkbook wb = new SXSSFWorkbook(100)) {
      Sheet sheet = wb.createSheet("big");
      sheet.createRow(0).createCell(0).setCellValue("n");
      // More rows than the hand-over queue holds, so the parser is blocked when we close.
      for (int i = 1; i <= 2000; i++) {
        sheet.createRow(i).createCell(0).setCellValue(i);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      wb.write(out);
      bytes = out.toByteArray();
    }
    long spoolsBefore = spoolFiles();
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          RowSource source = Rows.open(SourceFormat.XLSX, bytes, SourceOptions.defaults());
          assertThat(spoolFiles()).isEqualTo(spoolsBefore + 1);
          assertThat(source.next()).isEqualTo(new SourceRow(2, cells("1"), null));
          source.close();
        });
    assertThat(spoolFiles()).isEqualTo(spoolsBefore);
  }

  private static long spoolFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(f -> f.getFileName().toString().startsWith("millwright-ingest-")).count();
    }
  }
}
