package io.millwright.server.datasets.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Streams the rows of one sheet of an .xlsx workbook with POI's SAX event API, so a sheet of any
 * length is read in bounded memory.
 *
 * <p>An .xlsx is a zip whose central directory sits at the end, so it cannot be read from a
 * one-pass stream: the upload is first spooled to a temp file (owner-only permissions, deleted on
 * {@link #close()}), counting bytes and enforcing the size limit while it is written, and the
 * package is opened from that file. POI's zip-bomb guard applies when the parts are inflated. The
 * shared strings table (each distinct text once) is held in memory; sheets are not.
 *
 * <p>SAX pushes rows while {@link RowSource} is pulled, so the sheet is parsed on a helper thread
 * that hands rows over through a small bounded queue: the parser waits when the consumer is slow
 * and memory stays bounded. The thread inherits the caller's context class loader, which the XML
 * parser lookup needs inside an application server.
 *
 * <p>Cells arrive as canonical text, not as Excel displays them: ISO dates, plain numbers with '.'
 * as decimal separator, booleans true/false. Parse them with {@code decimalSeparator '.'}.
 */
final class XlsxRowSource implements RowSource {

  private static final int QUEUE_ROWS = 256;
  private static final Object END = new Object();

  private record SheetRow(int number, List<String> cells) {}

  private record Failure(Exception cause) {}

  private final Path spool;
  private final long bytesRead;
  private final OPCPackage workbook;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_ROWS);
  private final Thread parserThread;
  private volatile boolean closed;
  private boolean ended;
  private List<String> columns;
  private int lastRowNumber;
  private long rowsRead;
  private long blankLinesSkipped;

  private XlsxRowSource(
      Path spool,
      long bytesRead,
      OPCPackage workbook,
      InputStream sheet,
      StylesTable styles,
      ReadOnlySharedStringsTable strings) {
    this.spool = spool;
    this.bytesRead = bytesRead;
    this.workbook = workbook;
    this.parserThread = new Thread(() -> parse(sheet, styles, strings), "millwright-xlsx-rows");
    this.parserThread.setDaemon(true);
  }

  static XlsxRowSource open(ByteCountingInputStream bytes, SourceOptions options)
      throws IOException {
    Path spool = Files.createTempFile("millwright-ingest-", ".xlsx");
    OPCPackage workbook = null;
    XlsxRowSource source;
    try {
      try (bytes) {
        Files.copy(bytes, spool, StandardCopyOption.REPLACE_EXISTING);
      }
      workbook = openPackage(spool);
      XSSFReader reader = new XSSFReader(workbook);
      var strings = new ReadOnlySharedStringsTable(workbook);
      StylesTable styles = reader.getStylesTable();
      InputStream sheet = findSheet(reader, options.sheet());
      source = new XlsxRowSource(spool, bytes.count(), workbook, sheet, styles, strings);
    } catch (IOException e) {
      discard(workbook, spool);
      throw e;
    } catch (Exception e) {
      // POI reports a zip that is not a workbook with assorted checked and unchecked kinds.
      discard(workbook, spool);
      throw new MalformedSourceException("the file is not a readable .xlsx workbook", e);
    }
    // From here the source owns the thread, the package and the spool file.
    try {
      source.readHeader();
      return source;
    } catch (IOException | RuntimeException e) {
      source.close();
      throw e;
    }
  }

  private static OPCPackage openPackage(Path file) throws MalformedSourceException {
    try {
      return OPCPackage.open(file.toFile(), PackageAccess.READ);
    } catch (Exception e) {
      // POI throws several unchecked and checked kinds for "not a zip" or "not OOXML".
      throw new MalformedSourceException("the file is not a readable .xlsx workbook", e);
    }
  }

  private static InputStream findSheet(XSSFReader reader, String wanted) throws Exception {
    XSSFReader.SheetIterator sheets = reader.getSheetIterator();
    List<String> names = new ArrayList<>();
    while (sheets.hasNext()) {
      InputStream sheet = sheets.next();
      String name = sheets.getSheetName();
      if (wanted == null || name.equals(wanted)) {
        return sheet;
      }
      sheet.close();
      names.add(name);
    }
    if (wanted == null) {
      throw new MalformedSourceException("the workbook has no sheets");
    }
    throw new MalformedSourceException(
        "the workbook has no sheet named '" + wanted + "'; its sheets are " + names);
  }

  private void readHeader() throws IOException {
    parserThread.start();
    List<String> header = null;
    while (header == null) {
      Object item = take();
      if (item == END) {
        ended = true;
        throw new MalformedSourceException(
            "the sheet is empty; its first row must name the columns");
      }
      SheetRow row = (SheetRow) item;
      blankLinesSkipped += row.number() - lastRowNumber - 1;
      lastRowNumber = row.number();
      if (HeaderNames.isBlank(row.cells())) {
        blankLinesSkipped++;
      } else {
        header = row.cells();
      }
    }
    columns = HeaderNames.validated(trimTrailingNulls(header));
  }

  /** Runs on the parser thread. */
  private void parse(InputStream sheet, StylesTable styles, ReadOnlySharedStringsTable strings) {
    try (sheet) {
      XMLReader xml = XMLHelper.newXMLReader();
      xml.setContentHandler(
          new CellTypeAwareHandler(styles, strings, new RowCollector(), new XlsxCellText()));
      xml.parse(new InputSource(sheet));
      put(END);
    } catch (Stopped e) {
      // close() was called; nobody is waiting for more rows.
    } catch (Exception e) {
      // An Error ends the thread instead; take() notices the dead thread.
      try {
        put(new Failure(e));
      } catch (Stopped ignored) {
        // Closed meanwhile.
      }
    }
  }

  private void put(Object item) {
    try {
      while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
        if (closed) {
          throw new Stopped();
        }
      }
    } catch (InterruptedException e) {
      throw new Stopped();
    }
  }

  private Object take() throws IOException {
    try {
      while (true) {
        Object item = queue.poll(100, TimeUnit.MILLISECONDS);
        if (item != null) {
          if (item instanceof Failure failure) {
            ended = true;
            throw asIoException(failure.cause());
          }
          return item;
        }
        if (!parserThread.isAlive() && queue.isEmpty()) {
          ended = true;
          throw new IOException("the sheet reader stopped unexpectedly");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the sheet");
    }
  }

  private static IOException asIoException(Exception cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof SAXException) {
      return new MalformedSourceException("the sheet is not well-formed XML", cause);
    }
    return new IOException("reading the sheet failed", cause);
  }

  @Override
  public List<String> columns() {
    return columns;
  }

  @Override
  public SourceRow next() throws IOException {
    if (closed) {
      throw new IOException("the source is closed");
    }
    while (!ended) {
      Object item = take();
      if (item == END) {
        ended = true;
        return null;
      }
      SheetRow row = (SheetRow) item;
      // Rows Excel never wrote are empty rows to the person looking at the sheet.
      blankLinesSkipped += row.number() - lastRowNumber - 1;
      lastRowNumber = row.number();
      List<String> cells = trimTrailingNulls(row.cells());
      if (cells.isEmpty()) {
        blankLinesSkipped++;
        continue;
      }
      rowsRead++;
      if (cells.size() > columns.size()) {
        return new SourceRow(
            row.number(), cells, HeaderNames.raggedProblem(cells.size(), columns.size()));
      }
      // Excel omits empty trailing cells; they are missing values, not a broken row.
      List<String> aligned = new ArrayList<>(cells);
      while (aligned.size() < columns.size()) {
        aligned.add(null);
      }
      return new SourceRow(row.number(), aligned, null);
    }
    return null;
  }

  private static List<String> trimTrailingNulls(List<String> cells) {
    int end = cells.size();
    while (end > 0 && (cells.get(end - 1) == null || cells.get(end - 1).isBlank())) {
      end--;
    }
    return cells.subList(0, end);
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
    return bytesRead;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    parserThread.interrupt();
    try {
      parserThread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    discard(workbook, spool);
  }

  private static void discard(OPCPackage workbook, Path spool) throws IOException {
    if (workbook != null) {
      // revert(), not close(): close() would try to save a package opened read-only.
      workbook.revert();
    }
    Files.deleteIfExists(spool);
  }

  /** Unwinds the SAX parse when the source is closed early. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }

  /** Collects the cells of one sheet row and hands the row to the consumer. */
  private final class RowCollector implements XSSFSheetXMLHandler.SheetContentsHandler {

    private final List<String> cells = new ArrayList<>();
    private CellTypeAwareHandler handler;

    @Override
    public void startRow(int rowNum) {
      cells.clear();
    }

    @Override
    public void endRow(int rowNum) {
      if (closed) {
        throw new Stopped();
      }
      put(new SheetRow(rowNum + 1, new ArrayList<>(cells)));
    }

    @Override
    public void cell(String reference, String text, XSSFComment comment) {
      int column = reference == null ? cells.size() : new CellReference(reference).getCol();
      while (cells.size() <= column) {
        cells.add(null);
      }
      cells.set(column, canonical(text));
    }

    private String canonical(String text) {
      if (text == null || text.isEmpty()) {
        return null;
      }
      return switch (handler.cellType()) {
        case "b" -> text.toLowerCase(Locale.ROOT);
        case "n" -> XlsxCellText.normalizeNumber(text);
        default -> text;
      };
    }
  }

  /**
   * The handler reports booleans as "TRUE"/"FALSE" and passes unstyled numbers through raw, but its
   * callback does not say which kind a cell was; remembering the type attribute lets booleans and
   * numbers be normalized without touching text cells that merely look like them.
   */
  private static final class CellTypeAwareHandler extends XSSFSheetXMLHandler {

    private String cellType = "n";

    CellTypeAwareHandler(
        StylesTable styles,
        ReadOnlySharedStringsTable strings,
        RowCollector rows,
        XlsxCellText formatter) {
      super(styles, strings, rows, formatter, false);
      rows.handler = this;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
        throws SAXException {
      if ("c".equals(localName)) {
        String type = attributes.getValue("t");
        cellType = type == null ? "n" : type;
      }
      super.startElement(uri, localName, qName, attributes);
    }

    String cellType() {
      return cellType;
    }
  }
}
