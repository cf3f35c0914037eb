package io.millwright.connector.files;

import static io.millwright.connector.files.Drop.CONNECTOR;
import static io.millwright.connector.files.Drop.context;
import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.connector.Batch;
import io.millwright.plugin.api.connector.Offset;
import io.millwright.plugin.api.connector.PollingSource;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows per second through the connector for a large CSV and a large XLSX, polled like the host
 * polls (5,000 per batch). Only with -Dbenchmarks=true; a yardstick, not a pass/fail bound.
 */
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class FilesReadBenchmarkTest {

  @TempDir Path folder;

  @Test
  void largeCsvAndXlsx() throws Exception {
    int csvRows = Integer.getInteger("benchmark.csvRows", 1_000_000);
    int xlsxRows = Integer.getInteger("benchmark.xlsxRows", 200_000);
    Drop drop = new Drop(folder);
    Path csv = folder.resolve("big.csv");
    try (BufferedWriter w = Files.newBufferedWriter(csv)) {
      w.write("id,customer,city,total,ordered,note\n");
      for (int i = 1; i <= csvRows; i++) {
        w.write(i + ",Customer " + i + ",Zürich," + (i % 1000) + ".25,2024-03-01,\"a, b\"\n");
      }
    }
    drop.aged(csv);
    Path xlsx = folder.resolve("big.xlsx");
    try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
      Sheet s = wb.createSheet("Data");
      String[] names = {"id", "customer", "city", "total", "note"};
      Row h = s.createRow(0);
      for (int c = 0; c < names.length; c++) {
        h.createCell(c).setCellValue(names[c]);
      }
      for (int i = 1; i <= xlsxRows; i++) {
        Row r = s.createRow(i);
        r.createCell(0).setCellValue(i);
        r.createCell(1).setCellValue("Customer " + i);
        r.createCell(2).setCellValue("Zürich");
        r.createCell(3).setCellValue(i % 1000 + 0.25);
        r.createCell(4).setCellValue("a, b");
      }
      try (var out = Files.newOutputStream(xlsx)) {
        wb.write(out);
      }
      wb.dispose();
    }
    drop.aged(xlsx);
    System.out.printf(
        Locale.ROOT,
        "files: %s CSV %.1f MiB, XLSX %.1f MiB%n",
        folder,
        Files.size(csv) / 1048576.0,
        Files.size(xlsx) / 1048576.0);
    for (int round = 1; round <= 2; round++) {
      try (PollingSource source = CONNECTOR.openPolling(context(drop.config()))) {
        Offset at = null;
        long rows = 0;
        long start = System.nanoTime();
        long csvDone = 0;
        boolean more = true;
        while (more) {
          Batch b = source.poll(at, 5_000);
          rows += b.records().size();
          at = b.next();
          more = b.more();
          if (csvDone == 0
              && at.value().contains("big.csv")
              && at.value().contains("\"done\":true")) {
            csvDone = System.nanoTime();
          }
        }
        long end = System.nanoTime();
        assertThat(rows).isEqualTo(csvRows + xlsxRows);
        System.out.printf(
            Locale.ROOT,
            "round %d: CSV %,d rows in %.2f s (%,.0f rows/s); XLSX %,d rows in %.2f s (%,.0f"
                + " rows/s); heap used %,d MiB%n",
            round,
            csvRows,
            (csvDone - start) / 1e9,
            csvRows / ((csvDone - start) / 1e9),
            xlsxRows,
            (end - csvDone) / 1e9,
            xlsxRows / ((end - csvDone) / 1e9),
            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
      }
    }
  }
}
