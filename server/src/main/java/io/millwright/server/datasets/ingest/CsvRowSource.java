package io.millwright.server.datasets.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams CSV records with commons-csv. The header is validated here rather than by commons-csv so
 * that duplicate and empty names get messages a person can act on.
 */
final class CsvRowSource implements RowSource {

  private final ByteCountingInputStream bytes;
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private final List<String> columns;
  private long rowsRead;
  private long blankLinesSkipped;

  private CsvRowSource(ByteCountingInputStream bytes, CSVParser parser) throws IOException {
    this.bytes = bytes;
    this.parser = parser;
    this.records = parser.iterator();
    this.columns = HeaderNames.validated(readHeader());
  }

  static CsvRowSource open(ByteCountingInputStream bytes, SourceOptions options)
      throws IOException {
    BufferedReader reader = Utf8Text.open(bytes);
    try {
      char delimiter =
          options.delimiter() != null ? options.delimiter() : DelimiterSniffer.sniff(reader);
      CSVFormat format =
          CSVFormat.RFC4180
              .builder()
              .setDelimiter(delimiter)
              .setQuote('"')
              // Blank lines are returned so they can be counted, then skipped here.
              .setIgnoreEmptyLines(false)
              // Keeps  "5" inch  as text instead of failing the whole upload on one sloppy cell.
              .setTrailingData(true)
              .get();
      return new CsvRowSource(bytes, CSVParser.parse(reader, format));
    } catch (CharacterCodingException e) {
      reader.close();
      throw Utf8Text.notUtf8(e);
    } catch (IOException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  private List<String> readHeader() throws IOException {
    CSVRecord record;
    while ((record = nextRecord()) != null) {
      List<String> cells = record.toList();
      if (!HeaderNames.isBlank(cells)) {
        return cells;
      }
      blankLinesSkipped++;
    }
    throw new MalformedSourceException("the file is empty; the first line must name the columns");
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public SourceRow next() throws IOException {
    while (true) {
      // The record starts on the line after the last line break consumed so far.
      long line = parser.getCurrentLineNumber() + 1;
      CSVRecord record = nextRecord();
      if (record == null) {
        return null;
      }
      // The record's own array, not toList(): that one runs a stream and copies, per row.
      List<String> cells = Arrays.asList(record.values());
      if (HeaderNames.isBlank(cells)) {
        blankLinesSkipped++;
        continue;
      }
      rowsRead++;
      String problem =
          cells.size() == columns.size()
              ? null
              : HeaderNames.raggedProblem(cells.size(), columns.size());
      return new SourceRow(line, cells, problem);
    }
  }

  private CSVRecord nextRecord() throws IOException {
    try {
      return records.hasNext() ? records.next() : null;
    } catch (UncheckedIOException e) {
      // The iterator hides IOExceptions; unwrap so callers see the real kind.
      IOException cause = e.getCause();
      if (cause instanceof CharacterCodingException coding) {
        throw Utf8Text.notUtf8(coding);
      }
      if (cause instanceof CSVException) {
        throw new MalformedSourceException(
            "the file is not valid CSV: " + cause.getMessage(), cause);
      }
      throw cause;
    }
  }

  @Override
  public long rowsRead() {
    return rowsRead;
  }

  @Override
  public long blankLinesSkipped() {
    return blankLinesSkipped;
  }

  @Override
  public long bytesRead() {
    return bytes.count();
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
