package io.millwright.connector.files;

import io.millwright.plugin.api.connector.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * The rows of one sheet of an .xlsx workbook, streamed: POI's event API ({@link XSSFReader}) opens
 * the package and its shared strings and styles, and the sheet's XML is pulled with StAX row by
 * row, so a sheet of any length is read in bounded memory and a poll can stop after any row and the
 * next poll go on from there (no parser thread to hand rows over). Only the shared strings table
 * (each distinct text once) is held in memory, as in POI's own SAX reader.
 *
 * <p>Cells are canonical text, not what Excel displays: dates and times as ISO-8601 ({@code
 * 2024-03-01}, {@code 2024-03-01T08:30:00}, {@code 08:30:00}), numbers in plain notation with '.'
 * and at most Excel's 15 significant digits, booleans {@code true}/{@code false}, formulas as their
 * cached result, errors as their code ({@code #DIV/0!}).
 */
final class XlsxRows implements Rows {

  private static final MathContext EXCEL_PRECISION = new MathContext(15);

  private final String name;
  private final String sheetName;
  private final OPCPackage workbook;
  private final InputStream sheet;
  private final XMLStreamReader xml;
  private final ReadOnlySharedStringsTable strings;
  private final StylesTable styles;
  private final boolean date1904;
  private List<String> columns;
  private int lastRow;
  private boolean failed;

  private XlsxRows(
      String name,
      String sheetName,
      OPCPackage workbook,
      InputStream sheet,
      XMLStreamReader xml,
      ReadOnlySharedStringsTable strings,
      StylesTable styles,
      boolean date1904) {
    this.name = name;
    this.sheetName = sheetName;
    this.workbook = workbook;
    this.sheet = sheet;
    this.xml = xml;
    this.strings = strings;
    this.styles = styles;
    this.date1904 = date1904;
  }

  /**
   * Opens the sheet ({@code wanted}, or the first); a file that is not a workbook, has no such
   * sheet or no usable header is one unreadable record.
   *
   * @param file the workbook on the server's disk (a copy, for one on an SFTP server)
   * @param name its name in the drop folder, for the records' origins
   */
  static Rows open(Path file, String name, String wanted) throws IOException {
    // XMLBeans, which POI parses the workbook's parts with, looks types up through the thread's
    // context class loader; the host's may hold a POI of its own (the server's does).
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(XlsxRows.class.getClassLoader());
    try {
      return openSheet(file, name, wanted);
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  private static Rows openSheet(Path file, String name, String wanted) throws IOException {
    OPCPackage workbook;
    try {
      workbook = OPCPackage.open(file.toFile(), PackageAccess.READ);
    } catch (Exception e) {
      // POI throws several checked and unchecked kinds for "not a zip" and "not OOXML".
      return Rows.unreadable(name, null, "not a readable .xlsx workbook: " + message(e));
    }
    InputStream sheet = null;
    try {
      XSSFReader reader = new XSSFReader(workbook);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(workbook, false);
      StylesTable styles = reader.getStylesTable();
      boolean date1904;
      try (InputStream wb = reader.getWorkbookData()) {
        date1904 = date1904(wb);
      }
      XSSFReader.SheetIterator sheets = reader.getSheetIterator();
      List<String> names = new ArrayList<>();
      String found = null;
      while (sheets.hasNext()) {
        InputStream s = sheets.next();
        String sheetName = sheets.getSheetName();
        if (found == null && (wanted == null || sheetName.equals(wanted))) {
          sheet = s;
          found = sheetName;
        } else {
          s.close();
        }
        names.add(sheetName);
      }
      if (found == null) {
        workbook.revert();
        return Rows.unreadable(
            name,
            null,
            wanted == null
                ? "the workbook has no sheet"
                : "the workbook has no sheet named '" + wanted + "'; its sheets are " + names);
      }
      XMLStreamReader xml = XMLHelper.newXMLInputFactory().createXMLStreamReader(sheet);
      XlsxRows rows = new XlsxRows(name, found, workbook, sheet, xml, strings, styles, date1904);
      return rows.readHeader();
    } catch (java.nio.file.NoSuchFileException e) {
      workbook.revert();
      throw e;
    } catch (Exception e) {
      if (sheet != null) {
        sheet.close();
      }
      workbook.revert();
      return Rows.unreadable(name, null, "not a readable .xlsx workbook: " + message(e));
    }
  }

  private static String message(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** {@code <workbookPr date1904="1"/>}: dates count from 1904 (old Mac workbooks). */
  private static boolean date1904(InputStream workbookXml) throws XMLStreamException {
    XMLStreamReader x = XMLHelper.newXMLInputFactory().createXMLStreamReader(workbookXml);
    try {
      while (x.hasNext()) {
        if (x.next() == XMLStreamConstants.START_ELEMENT) {
          if ("workbookPr".equals(x.getLocalName())) {
            String v = x.getAttributeValue(null, "date1904");
            return "1".equals(v) || "true".equalsIgnoreCase(v);
          }
          if ("sheets".equals(x.getLocalName())) {
            return false; // workbookPr comes before the sheets, or not at all
          }
        }
      }
      return false;
    } finally {
      x.close();
    }
  }

  private Rows readHeader() throws IOException {
    List<String> header;
    do {
      header = row();
    } while (header != null && Rows.blank(header));
    if (header == null) {
      return this; // an empty sheet: no records
    }
    String[] problem = new String[1];
    columns = Rows.columns(header, problem);
    if (columns == null) {
      String origin = origin();
      String raw = csvLine(header);
      close();
      return Rows.unreadable(origin, raw, problem[0]);
    }
    return this;
  }

  @Override
  public SourceRecord next() throws IOException {
    if (columns == null) {
      return null;
    }
    if (failed) {
      return null;
    }
    List<String> cells;
    try {
      do {
        cells = row();
      } while (cells != null && Rows.blank(cells));
    } catch (IOException e) {
      // The sheet's XML breaks off: what is left is one unreadable record, and the file ends.
      failed = true;
      return SourceRecord.unreadable(
          name + " " + sheetName + " after row " + lastRow,
          null,
          "the rest of the sheet cannot be read: " + e.getMessage());
    }
    if (cells == null) {
      return null;
    }
    if (cells.size() > columns.size() && !Rows.blank(cells.subList(columns.size(), cells.size()))) {
      return SourceRecord.unreadable(
          origin(),
          csvLine(cells),
          "the row has cells beyond the "
              + columns.size()
              + " named by the header (up to column "
              + CellReference.convertNumToColString(lastNonBlank(cells))
              + ")");
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      values.put(columns.get(i), i < cells.size() ? cells.get(i) : null);
    }
    return SourceRecord.of(origin(), values);
  }

  private String origin() {
    return name + " " + sheetName + " row " + lastRow;
  }

  /** The cells of the next {@code <row>}, null at the end of the sheet's data. */
  private List<String> row() throws IOException {
    try {
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())) {
          String r = xml.getAttributeValue(null, "r");
          lastRow = r == null ? lastRow + 1 : Integer.parseInt(r);
          return cells();
        }
        if (event == XMLStreamConstants.END_ELEMENT && "sheetData".equals(xml.getLocalName())) {
          return null;
        }
      }
      return null;
    } catch (XMLStreamException | RuntimeException e) {
      throw new IOException("near row " + lastRow + ": " + e.getMessage(), e);
    }
  }

  /** Reads up to {@code </row>}: each {@code <c>} at its column (from r="B7"), gaps null. */
  private List<String> cells() throws XMLStreamException {
    List<String> cells = new ArrayList<>();
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.END_ELEMENT && "row".equals(xml.getLocalName())) {
        return cells;
      }
      if (event == XMLStreamConstants.START_ELEMENT && "c".equals(xml.getLocalName())) {
        String ref = xml.getAttributeValue(null, "r");
        int column = ref == null ? cells.size() : column(ref);
        String type = xml.getAttributeValue(null, "t");
        String style = xml.getAttributeValue(null, "s");
        String value = cell(type == null ? "n" : type, style);
        while (cells.size() <= column) {
          cells.add(null);
        }
        cells.set(column, value);
      }
    }
    return cells;
  }

  /** The column index of a cell reference such as {@code AB12} (0 for A). */
  static int column(String ref) {
    int col = 0;
    int i = 0;
    for (; i < ref.length(); i++) {
      char c = ref.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        col = col * 26 + (c - 'A' + 1);
      } else if (c >= 'a' && c <= 'z') {
        col = col * 26 + (c - 'a' + 1);
      } else if (c != '$') {
        break;
      }
    }
    return col == 0 ? new CellReference(ref).getCol() : col - 1;
  }

  /** Reads one {@code <c>} to its end and returns its canonical text (null when empty). */
  private String cell(String type, String style) throws XMLStreamException {
    StringBuilder v = null;
    StringBuilder inline = null;
    int depth = 1;
    String in = null;
    while (depth > 0 && xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        in = xml.getLocalName();
        if ("v".equals(in)) {
          v = new StringBuilder();
        } else if ("is".equals(in)) {
          inline = new StringBuilder();
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
        in = null;
      } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
        if ("v".equals(in) && v != null) {
          v.append(xml.getText());
        } else if ("t".equals(in) && inline != null) {
          inline.append(xml.getText()); // an inline string, plain or in rich-text runs
        }
      }
    }
    String text = v == null ? null : v.toString();
    String result =
        switch (type) {
          case "s" -> text == null ? null : sharedString(text);
          case "inlineStr" -> inline == null ? text : inline.toString();
          case "str", "e", "d" -> text;
          case "b" -> text == null ? null : "1".equals(text.strip()) ? "true" : "false";
          default -> text == null ? null : number(text.strip(), style);
        };
    return result == null || result.isEmpty() ? null : result;
  }

  private String sharedString(String index) {
    try {
      return strings.getItemAt(Integer.parseInt(index.strip())).getString();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** A numeric cell: ISO date/time text when its number format is a date format, else a number. */
  private String number(String raw, String style) {
    double d;
    try {
      d = Double.parseDouble(raw);
    } catch (NumberFormatException e) {
      return raw;
    }
    if (style != null && styles != null) {
      try {
        XSSFCellStyle s = styles.getStyleAt(Integer.parseInt(style));
        if (s != null
            && DateUtil.isADateFormat(s.getDataFormat(), s.getDataFormatString())
            && DateUtil.isValidExcelDate(d)) {
          return dateText(d, date1904);
        }
      } catch (RuntimeException e) {
        // An unknown style: the number as it is.
      }
    }
    return plain(d);
  }

  static String dateText(double value, boolean date1904) {
    LocalDateTime t = DateUtil.getLocalDateTime(value, date1904, true);
    if (value >= 0 && value < 1) {
      return t.toLocalTime().toString(); // a time of day; Excel's day 0 is no date
    }
    if (t.toLocalTime().toSecondOfDay() == 0 && t.getNano() == 0) {
      return t.toLocalDate().toString();
    }
    return t.toString();
  }

  /** Plain decimal text: no exponent, no trailing ".0", no binary noise past 15 digits. */
  static String plain(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    BigDecimal exact = BigDecimal.valueOf(value).round(EXCEL_PRECISION).stripTrailingZeros();
    return exact.signum() == 0 ? "0" : exact.toPlainString();
  }

  private static int lastNonBlank(List<String> cells) {
    for (int i = cells.size() - 1; i >= 0; i--) {
      if (cells.get(i) != null && !cells.get(i).isBlank()) {
        return i;
      }
    }
    return 0;
  }

  /** A row as one CSV line, for the raw text of an unreadable row. */
  static String csvLine(List<String> cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String c = cells.get(i);
      if (c == null) {
        continue;
      }
      if (c.indexOf(',') >= 0
          || c.indexOf('"') >= 0
          || c.indexOf('\n') >= 0
          || c.indexOf('\r') >= 0) {
        sb.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    try {
      xml.close();
    } catch (XMLStreamException e) {
      // The stream is closed below anyway.
    }
    try {
      sheet.close();
    } finally {
      // revert(), not close(): close() would try to save a package opened read-only.
      workbook.revert();
    }
  }

  @Override
  public String toString() {
    return name + " " + sheetName;
  }
}
