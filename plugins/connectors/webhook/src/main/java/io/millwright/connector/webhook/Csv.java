package io.millwright.connector.webhook;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of CSV text (RFC 4180, comma): a quoted cell may hold commas, line breaks and quotes doubled
 * ({@code ""}); rows end with CRLF, LF or CR. A row that breaks the quoting rules (text after a
 * closing quote) is returned with its problem and raw text, and reading goes on at the next line; a
 * quote that is never closed takes the rest of the text as one broken row.
 */
final class Csv {

  /**
   * One row.
   *
   * @param cells the cells, unquoted; null for a broken row
   * @param raw the row's text as it stands in the body, without its line break
   * @param line the line the row starts on, from 1
   * @param start where the row starts in the text
   * @param end where the row's text ends (before its line break)
   * @param problem null, or why the row cannot be read
   */
  record Row(List<String> cells, String raw, int line, int start, int end, String problem) {

    /** A row with no text at all, or only spaces: left out, like an editor's trailing lines. */
    boolean blank() {
      return problem == null && raw.isBlank();
    }
  }

  private final String text;
  private int pos;
  private int line = 1;

  Csv(String text) {
    this.text = text;
  }

  /** The next row, or null at the end of the text. */
  Row next() {
    if (pos >= text.length()) {
      return null;
    }
    int start = pos;
    int startLine = line;
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    while (true) {
      cell.setLength(0);
      if (pos < text.length() && text.charAt(pos) == '"') {
        int opened = line;
        pos++;
        boolean closed = false;
        while (pos < text.length()) {
          char c = text.charAt(pos);
          if (c == '"') {
            if (pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
              cell.append('"');
              pos += 2;
              continue;
            }
            pos++;
            closed = true;
            break;
          }
          if (c == '\n'
              || (c == '\r' && !(pos + 1 < text.length() && text.charAt(pos + 1) == '\n'))) {
            line++;
          }
          cell.append(c);
          pos++;
        }
        if (!closed) {
          int end = text.length();
          return new Row(
              null,
              text.substring(start, end),
              startLine,
              start,
              end,
              "the quote that opens field "
                  + (cells.size() + 1)
                  + (opened == startLine ? "" : " (line " + opened + ")")
                  + " is never closed");
        }
        if (pos < text.length() && !atCellEnd()) {
          int field = cells.size() + 1;
          int at = line;
          int end = lineEnd();
          String raw = text.substring(start, end);
          skipLineBreak();
          return new Row(
              null,
              raw,
              startLine,
              start,
              end,
              "text after the closing quote of field "
                  + field
                  + (at == startLine ? "" : " (line " + at + ")")
                  + "; a quoted field ends at a comma or the end of the line");
        }
      } else {
        while (pos < text.length() && !atCellEnd()) {
          cell.append(text.charAt(pos++));
        }
      }
      cells.add(cell.toString());
      if (pos < text.length() && text.charAt(pos) == ',') {
        pos++;
        continue;
      }
      int end = pos;
      skipLineBreak();
      return new Row(cells, text.substring(start, end), startLine, start, end, null);
    }
  }

  private boolean atCellEnd() {
    char c = text.charAt(pos);
    return c == ',' || c == '\n' || c == '\r';
  }

  /** Where the current physical line ends (before its line break). */
  private int lineEnd() {
    int end = pos;
    while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
      end++;
    }
    pos = end;
    return end;
  }

  private void skipLineBreak() {
    if (pos >= text.length()) {
      return;
    }
    if (text.charAt(pos) == '\r') {
      pos++;
      if (pos < text.length() && text.charAt(pos) == '\n') {
        pos++;
      }
      line++;
    } else if (text.charAt(pos) == '\n') {
      pos++;
      line++;
    }
  }
}
