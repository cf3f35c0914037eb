package io.millwright.connector.webhook;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A body as UTF-8 text, a leading byte order mark dropped. Bytes that are not UTF-8 become U+FFFD,
 * and the lines (between {@code \n}) that held them are remembered, so a line-based format can hand
 * just those lines over as unreadable while a whole-body format refuses the body.
 *
 * @param text the decoded body
 * @param badLines the character ranges {@code [start, end)} of lines with bytes that are not UTF-8,
 *     in order, two ints per line
 * @param firstBadByte the offset in the body of the first byte that is not UTF-8, or -1
 */
record Text(String text, int[] badLines, long firstBadByte) {

  private static final int[] NONE = {};

  static Text decode(byte[] body) {
    int from =
        body.length >= 3
                && (body[0] & 0xff) == 0xef
                && (body[1] & 0xff) == 0xbb
                && (body[2] & 0xff) == 0xbf
            ? 3
            : 0;
    CharsetDecoder strict = strict();
    CharBuffer out = CharBuffer.allocate(body.length - from + 1);
    ByteBuffer in = ByteBuffer.wrap(body, from, body.length - from);
    if (!strict.decode(in, out, true).isError() && !strict.flush(out).isError()) {
      return new Text(out.flip().toString(), NONE, -1);
    }
    // Some bytes are not UTF-8: decode line by line ('\n' is never inside a UTF-8 sequence).
    StringBuilder text = new StringBuilder(body.length);
    List<Integer> bad = new ArrayList<>();
    long firstBad = -1;
    int start = from;
    while (start < body.length) {
      int end = start;
      while (end < body.length && body[end] != '\n') {
        end++;
      }
      int next = end < body.length ? end + 1 : end;
      CharsetDecoder lineDecoder = strict();
      CharBuffer line = CharBuffer.allocate(next - start + 1);
      ByteBuffer bytes = ByteBuffer.wrap(body, start, next - start);
      CoderResult result = lineDecoder.decode(bytes, line, true);
      int textStart = text.length();
      if (result.isError()) {
        if (firstBad < 0) {
          firstBad = bytes.position();
        }
        text.append(new String(body, start, next - start, StandardCharsets.UTF_8));
        bad.add(textStart);
        bad.add(text.length());
      } else {
        lineDecoder.flush(line);
        text.append(line.flip());
      }
      start = next;
    }
    return new Text(text.toString(), bad.stream().mapToInt(Integer::intValue).toArray(), firstBad);
  }

  private static CharsetDecoder strict() {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  /** Whether any character in {@code [start, end)} comes from a line with bytes not UTF-8. */
  boolean malformedIn(int start, int end) {
    for (int i = 0; i < badLines.length; i += 2) {
      if (badLines[i] < end && start < badLines[i + 1]) {
        return true;
      }
    }
    return false;
  }

  boolean malformed() {
    return badLines.length > 0;
  }
}
