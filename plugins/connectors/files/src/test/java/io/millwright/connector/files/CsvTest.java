package io.millwright.connector.files;

import static io.millwright.connector.files.Drop.CONNECTOR;
import static io.millwright.connector.files.Drop.context;
import static io.millwright.connector.files.Drop.drain;
import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.plugin.api.connector.PollingSource;
import io.millwright.plugin.api.connector.SourceRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV as people and programs write it. */
class CsvTest {

  @TempDir Path folder;

  private List<SourceRecord> read(String... config) throws Exception {
    Drop drop = new Drop(folder);
    try (PollingSource source = CONNECTOR.openPolling(context(drop.config(config)))) {
      return drain(source, null, 1000).records();
    }
  }

  @Test
  void quotesDelimitersAndLineBreaksInsideCellsAndEmptyCells() throws Exception {
    new Drop(folder)
        .text(
            "contacts.csv",
            "id,name,note,city\r\n"
                + "1,\"Doe, Jane\",\"said \"\"hi\"\"\",Paris\r\n"
                + "2,Smith,\"two\nlines\",\r\n"
                + "\r\n"
                + "3,,,Lyon\r\n");
    List<SourceRecord> r = read();
    assertThat(r).hasSize(3).noneMatch(SourceRecord::isUnreadable);
    assertThat(r.get(0).values())
        .containsExactly(
            Map.entry("id", "1"),
            Map.entry("name", "Doe, Jane"),
            Map.entry("note", "said \"hi\""),
            Map.entry("city", "Paris"));
    assertThat(r.get(1).values()).containsEntry("note", "two\nlines").containsEntry("city", null);
    assertThat(r.get(2).values()).containsEntry("name", null).containsEntry("city", "Lyon");
    // Line numbers as an editor shows them: the quoted line break and the blank line count.
    assertThat(r.stream().map(SourceRecord::origin))
        .containsExactly("contacts.csv line 2", "contacts.csv line 3", "contacts.csv line 6");
  }

  @Test
  void aByteOrderMarkIsDroppedAndTheDelimiterIsSniffedFromTheHeader() throws Exception {
    Drop drop = new Drop(folder);
    drop.bytes(
        "excel-de.csv",
        concat(
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            "Kunde;Betrag;Notiz\nMüller;1,50;\"a;b\"\n".getBytes(StandardCharsets.UTF_8)));
    drop.text("tabs.csv", "a\tb\n1\t2\n");
    drop.text("pipes.csv", "a|b|c\nx|y|z\n");
    List<SourceRecord> r = read();
    assertThat(r.get(0).values())
        .containsExactly(
            Map.entry("Kunde", "Müller"), Map.entry("Betrag", "1,50"), Map.entry("Notiz", "a;b"));
    assertThat(r.get(1).values()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    assertThat(r.get(2).values()).containsEntry("c", "z");
  }

  @Test
  void theDelimiterSettingWinsOverSniffing() throws Exception {
    new Drop(folder).text("x.csv", "a;b,c\n1;2,3\n");
    assertThat(read("delimiter", "semicolon").get(0).values())
        .containsExactly(Map.entry("a", "1"), Map.entry("b,c", "2,3"));
  }

  @Test
  void aWindows1252ExportIsRecognisedAndDecoded() throws Exception {
    Charset cp1252 = Charset.forName("windows-1252");
    new Drop(folder)
        .text("export.csv", "name;city\nRenée Müller;Zürich\nJosé;Besançon € \n", cp1252);
    List<SourceRecord> r = read();
    assertThat(r).noneMatch(SourceRecord::isUnreadable);
    assertThat(r.get(0).values())
        .containsEntry("name", "Renée Müller")
        .containsEntry("city", "Zürich");
    assertThat(r.get(1).values()).containsEntry("city", "Besançon € ");
  }

  @Test
  void utf16WithAByteOrderMarkIsRead() throws Exception {
    new Drop(folder)
        .bytes(
            "unicode.csv",
            concat(
                new byte[] {(byte) 0xFF, (byte) 0xFE},
                "a\tb\nÅsa\t東京\n".getBytes(StandardCharsets.UTF_16LE)));
    assertThat(read().get(0).values()).containsExactly(Map.entry("a", "Åsa"), Map.entry("b", "東京"));
  }

  @Test
  void aUtf8FileWithOneBrokenRowKeepsItsOtherRowsAndQuarantinesThatOne() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("id,name\n1,Zoë\n2,Jürgen\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes(new byte[] {'3', ',', 'B', (byte) 0xFC, 'r', 'o', '\n'}); // a stray Latin-1 ü
    b.writeBytes("4,Ängel\n".getBytes(StandardCharsets.UTF_8));
    new Drop(folder).bytes("mixed.csv", b.toByteArray());
    List<SourceRecord> r = read();
    assertThat(r).hasSize(4);
    assertThat(r.get(1).values()).containsEntry("name", "Jürgen");
    assertThat(r.get(2).isUnreadable()).isTrue();
    assertThat(r.get(2).origin()).isEqualTo("mixed.csv line 4");
    assertThat(r.get(2).raw()).isEqualTo("3,B\uFFFDro");
    assertThat(r.get(2).problem()).contains("not valid UTF-8");
    assertThat(r.get(3).values()).containsEntry("name", "Ängel");
  }

  @Test
  void aLineWithTheWrongNumberOfCellsIsQuarantinedWithItsRawTextAndTheFileFinishes()
      throws Exception {
    Drop drop = new Drop(folder);
    drop.text(
        "orders.csv", "id,customer,total\n1,a,1.00\n2,b,\"2,00\",extra\n3,c\n4,\"d\nd\",4.00\n");
    drop.text("later.csv", Drop.orders(5, 5));
    List<SourceRecord> r = read();
    assertThat(r).hasSize(5);
    assertThat(r.get(1).isUnreadable()).isTrue();
    assertThat(r.get(1).raw()).isEqualTo("2,b,\"2,00\",extra");
    assertThat(r.get(1).problem()).isEqualTo("the line has 4 cells, the header 3");
    assertThat(r.get(2).raw()).isEqualTo("3,c");
    assertThat(r.get(3).values()).containsEntry("customer", "d\nd");
    assertThat(r.get(4).origin()).isEqualTo("later.csv line 2");
  }

  @Test
  void aTrailingDelimiterOnEveryLineIsNotAColumn() throws Exception {
    new Drop(folder).text("t.csv", "a;b;\n1;2;\n3;4\n");
    List<SourceRecord> r = read();
    assertThat(r).noneMatch(SourceRecord::isUnreadable);
    assertThat(r.get(0).values()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    assertThat(r.get(1).values()).containsExactly(Map.entry("a", "3"), Map.entry("b", "4"));
  }

  @Test
  void aHeaderThatCannotNameTheRowsQuarantinesTheFile() throws Exception {
    Drop drop = new Drop(folder);
    drop.text("dup.csv", "id,name,id\n1,a,2\n");
    drop.text("gap.csv", "id,,total\n1,a,2\n");
    List<SourceRecord> r = read();
    assertThat(r).hasSize(2).allMatch(SourceRecord::isUnreadable);
    assertThat(r.get(0).raw()).isEqualTo("id,name,id");
    assertThat(r.get(0).problem()).contains("'id' is in columns 1 and 3");
    assertThat(r.get(1).problem()).contains("column 2 is empty");
  }

  @Test
  void sloppyQuotesAreReadNotFailed() throws Exception {
    new Drop(folder).text("q.csv", "size,name\n\"5\" inch,screen\n7,\"open\n");
    List<SourceRecord> r = read();
    assertThat(r.get(0).values()).containsEntry("size", "5 inch");
    // An unclosed quote runs to the end of the file: the rest of it is that cell.
    assertThat(r).hasSize(2);
    assertThat((String) r.get(1).values().get("name")).startsWith("open");
  }

  @Test
  void emptyFilesAndHeaderOnlyFilesHaveNoRecordsAndDoNotStopTheFolder() throws Exception {
    Drop drop = new Drop(folder);
    drop.text("empty.csv", "");
    drop.text("header.csv", "a,b\n\n");
    drop.text("data.csv", "a,b\n1,2\n");
    assertThat(read()).extracting(SourceRecord::origin).containsExactly("data.csv line 2");
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
