package io.millwright.connector.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;

/**
 * Decodes a file for the CSV parser and remembers what the parser cannot tell: where bytes could
 * not be decoded (each replaced by U+FFFD, its character position noted), the text of the records
 * not yet released (so a broken record keeps its raw line), and how many lines came before them.
 *
 * <p>Positions count characters handed to the reader's caller, as commons-csv's {@code
 * CSVRecord.getCharacterPosition()} does.
 */
final class DecodingReader extends Reader {

  private static final int BUFFER = 64 * 1024;

  private final InputStream in;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
  private final CharBuffer chars = CharBuffer.allocate(BUFFER);
  private final ArrayDeque<Long> malformed = new ArrayDeque<>();
  private final StringBuilder kept = new StringBuilder();
  private boolean eof;
  private boolean flushed;
  private long position;

  /** Index in {@link #kept} of the character at {@link #keptFrom}. */
  private int keptStart;

  private long keptFrom;
  private long linesBefore;

  DecodingReader(InputStream in, Charset charset) {
    this.in = in;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    bytes.flip();
    chars.flip();
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!chars.hasRemaining() && !fill()) {
      return -1;
    }
    int n = Math.min(len, chars.remaining());
    chars.get(buf, off, n);
    kept.append(buf, off, n);
    position += n;
    return n;
  }

  private boolean fill() throws IOException {
    if (flushed) {
      return false;
    }
    chars.clear();
    while (true) {
      CoderResult r = decoder.decode(bytes, chars, eof);
      if (r.isError()) {
        if (!chars.hasRemaining()) {
          break; // no room for the replacement: reported again on the next fill
        }
        malformed.add(position + chars.position());
        chars.put('\uFFFD');
        bytes.position(bytes.position() + r.length());
        continue;
      }
      if (r.isOverflow()) {
        break;
      }
      if (eof) {
        decoder.flush(chars);
        flushed = true;
        break;
      }
      if (chars.position() > 0 && bytes.hasRemaining()) {
        break; // hand out what there is; the rest of a split sequence waits in bytes
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
    chars.flip();
    return chars.hasRemaining();
  }

  /** Characters handed out so far. */
  long position() {
    return position;
  }

  /**
   * Forgets the text before a position (the start of the next record), counting its line breaks.
   */
  void release(long upTo) {
    int n = (int) Math.min(upTo - keptFrom, kept.length() - keptStart);
    if (n <= 0) {
      return;
    }
    int end = keptStart + n;
    for (int i = keptStart; i < end; i++) {
      char c = kept.charAt(i);
      if (c == '\n' || c == '\r' && (i + 1 >= kept.length() || kept.charAt(i + 1) != '\n')) {
        linesBefore++;
      }
    }
    keptStart = end;
    keptFrom += n;
    if (keptStart > BUFFER && keptStart > kept.length() / 2) {
      kept.delete(0, keptStart);
      keptStart = 0;
    }
    while (!malformed.isEmpty() && malformed.peekFirst() < keptFrom) {
      malformed.pollFirst();
    }
  }

  /** The line, from 1, that the first character not yet released is on. */
  long line() {
    return linesBefore + 1;
  }

  /** The text between two positions not yet released, without the line break that ends it. */
  String text(long from, long to) {
    int a = keptStart + (int) Math.max(0, from - keptFrom);
    int b = keptStart + (int) Math.min(to - keptFrom, kept.length() - keptStart);
    if (b <= a) {
      return "";
    }
    while (b > a && (kept.charAt(b - 1) == '\n' || kept.charAt(b - 1) == '\r')) {
      b--;
    }
    return kept.substring(a, b);
  }

  /** Whether bytes between two positions could not be decoded. */
  boolean malformedIn(long from, long to) {
    for (long m : malformed) {
      if (m >= from && m < to) {
        return true;
      }
      if (m >= to) {
        return false;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
