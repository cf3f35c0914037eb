package io.millwright.connector.files;

import io.millwright.plugin.api.connector.SourceRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rows of a CSV file, with commons-csv: RFC 4180 quoting (a quoted cell may hold the delimiter,
 * quotes and line breaks), a byte order mark dropped, the encoding detected (UTF-8, or Windows-1252
 * for a file that is clearly not UTF-8; UTF-16 with a BOM), the delimiter taken from the settings
 * or sniffed from the header line.
 *
 * <p>Rows are read one ahead, which tells where each row's text ends: a row with bytes that could
 * not be decoded, or with another number of cells than the header, is handed over as unreadable
 * with its raw line.
 */
final class CsvRows implements Rows {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final char[] CANDIDATES = {',', ';', '\t', '|'};

  private final String name;
  private final DecodingReader text;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final String charsetName;
  private CSVRecord ahead;
  private List<String> columns;
  private int headerCells;
  private String failure;
  private boolean failureReported;

  private CsvRows(String name, DecodingReader text, CSVParser parser, Charset charset) {
    this.name = name;
    this.text = text;
    this.parser = parser;
    this.records = parser.iterator();
    this.charsetName = charset.name();
  }

  /**
   * Opens a CSV file; a file whose header cannot name the rows is one unreadable record. The file
   * is streamed from {@code opener}: once for its first 64 KiB, once to detect its encoding when it
   * has no byte order mark, and once to parse it.
   */
  static Rows open(String name, DropFolder.Opener opener, FilesSettings settings)
      throws IOException {
    byte[] head;
    try (InputStream in = opener.open()) {
      head = in.readNBytes(64 * 1024);
    }
    int bom = 0;
    Charset charset;
    if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
      bom = 3;
      charset = StandardCharsets.UTF_8;
    } else if (startsWith(head, 0xFE, 0xFF)) {
      bom = 2;
      charset = StandardCharsets.UTF_16BE;
    } else if (startsWith(head, 0xFF, 0xFE)) {
      bom = 2;
      charset = StandardCharsets.UTF_16LE;
    } else {
      charset = detect(opener);
    }
    char delimiter =
        settings.delimiter() != null
            ? settings.delimiter()
            : sniff(new String(head, bom, head.length - bom, charset));
    CSVFormat format =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(delimiter)
            .setQuote('"')
            // Blank lines come as records, so positions and line numbers stay exact; skipped here.
            .setIgnoreEmptyLines(false)
            // "5" inch  stays text instead of failing the file; an unclosed quote ends at EOF.
            .setTrailingData(true)
            .setLenientEof(true)
            .get();
    InputStream in = opener.open();
    try {
      in.skipNBytes(bom);
      DecodingReader reader = new DecodingReader(in, charset);
      CsvRows rows = new CsvRows(name, reader, CSVParser.parse(reader, format), charset);
      return rows.readHeader();
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private Rows readHeader() throws IOException {
    ahead = parse();
    CSVRecord header;
    do {
      header = advance();
    } while (header != null && Rows.blank(header.toList()));
    if (header == null) {
      return this; // empty, or blank lines only: no records
    }
    headerCells = header.size();
    String[] problem = new String[1];
    columns = Rows.columns(header.toList(), problem);
    if (columns == null) {
      long start = header.getCharacterPosition();
      String raw = text.text(start, aheadStart());
      text.release(start);
      String origin = name + " line " + text.line();
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
    while (true) {
      CSVRecord row = advance();
      if (row == null) {
        return brokenRest();
      }
      long start = row.getCharacterPosition();
      long end = aheadStart();
      text.release(start);
      String origin = name + " line " + text.line();
      List<String> cells = row.toList();
      boolean undecodable = text.malformedIn(start, end);
      if (undecodable) {
        return SourceRecord.unreadable(
            origin,
            text.text(start, end),
            "the line is not valid "
                + charsetName
                + " text (undecodable bytes are shown as \uFFFD)");
      }
      if (Rows.blank(cells)) {
        continue;
      }
      if (cells.size() < columns.size()
          || cells.size() > headerCells
          || !Rows.blank(cells.subList(columns.size(), cells.size()))) {
        return SourceRecord.unreadable(
            origin,
            text.text(start, end),
            "the line has "
                + cells.size()
                + (cells.size() == 1 ? " cell" : " cells")
                + ", the header "
                + columns.size());
      }
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        String v = cells.get(i);
        values.put(columns.get(i), v == null || v.isEmpty() ? null : v);
      }
      return SourceRecord.of(origin, values);
    }
  }

  /** Hands out the record read ahead and reads the one after it. */
  private CSVRecord advance() {
    CSVRecord r = ahead;
    ahead = r == null ? null : parse();
    return r;
  }

  /**
   * The next record, or null at the end. The parser is lenient (text after a closing quote is kept,
   * an unclosed quote ends at the end of the file), so it hardly fails; if it does, what is left of
   * the file becomes one unreadable record ({@link #brokenRest}).
   */
  private CSVRecord parse() {
    if (failure != null) {
      return null;
    }
    try {
      return records.hasNext() ? records.next() : null;
    } catch (UncheckedIOException | IllegalStateException e) {
      failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return null;
    }
  }

  private SourceRecord brokenRest() {
    if (failure == null || failureReported) {
      return null;
    }
    failureReported = true;
    text.release(text.position());
    return SourceRecord.unreadable(
        name + " line " + text.line(),
        null,
        "the rest of the file from here cannot be read as CSV: " + failure);
  }

  /** Where the row after the current one starts: the end of the current one's text. */
  private long aheadStart() {
    return ahead != null ? ahead.getCharacterPosition() : text.position();
  }

  /** Whether a prefix of bytes is these. */
  private static boolean startsWith(byte[] b, int... prefix) {
    if (b.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((b[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * UTF-8 unless the file is clearly something else: bytes that are not UTF-8 and fewer valid
   * multi-byte UTF-8 characters than such bytes mean a Windows-1252 export (Excel's "CSV" on a
   * Western Windows). A UTF-8 file with a few broken bytes stays UTF-8; its broken rows are
   * unreadable rather than every accented letter garbled.
   */
  static Charset detect(DropFolder.Opener opener) throws IOException {
    CharsetDecoder utf8 =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
    CharBuffer chars = CharBuffer.allocate(64 * 1024);
    long invalid = 0;
    long multibyte = 0;
    try (InputStream in = opener.open()) {
      boolean eof = false;
      bytes.flip();
      while (true) {
        CoderResult r = utf8.decode(bytes, chars, eof);
        if (r.isError()) {
          invalid++;
          bytes.position(bytes.position() + r.length());
          if (invalid >= 64 && multibyte == 0) {
            break;
          }
          continue;
        }
        chars.flip();
        while (chars.hasRemaining()) {
          if (chars.get() >= 0x80) {
            multibyte++;
          }
        }
        chars.clear();
        if (r.isOverflow()) {
          continue;
        }
        if (eof) {
          break;
        }
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
          eof = true;
        } else {
          bytes.position(bytes.position() + n);
        }
        bytes.flip();
      }
    }
    return invalid == 0 || multibyte > invalid ? StandardCharsets.UTF_8 : WINDOWS_1252;
  }

  /** The most frequent of , ; tab | outside quotes in the first non-blank line; ',' by default. */
  static char sniff(String head) {
    int[] counts = new int[CANDIDATES.length];
    boolean quoted = false;
    boolean sawText = false;
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == '\n' || c == '\r')) {
        if (sawText) {
          break;
        }
        continue;
      } else if (!quoted) {
        for (int k = 0; k < CANDIDATES.length; k++) {
          if (c == CANDIDATES[k]) {
            counts[k]++;
          }
        }
      }
      if (!Character.isWhitespace(c)) {
        sawText = true;
      }
    }
    int best = 0;
    for (int k = 1; k < CANDIDATES.length; k++) {
      if (counts[k] > counts[best]) {
        best = k;
      }
    }
    return CANDIDATES[best];
  }

  @Override
  public void close() throws IOException {
    try {
      parser.close();
    } finally {
      text.close();
    }
  }

  @Override
  public String toString() {
    return name + " " + Arrays.toString(columns == null ? new Object[0] : columns.toArray());
  }

  /** For tests: the header's column names. */
  List<String> columns() {
    return columns == null ? List.of() : new ArrayList<>(columns);
  }
}
