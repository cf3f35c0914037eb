package io.millwright.server.datasets.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Text uploads are UTF-8; this opens them strictly and drops the byte order mark. */
final class Utf8Text {

  private static final int BUFFER_CHARS = 64 * 1024;

  private Utf8Text() {}

  /**
   * A reader that fails on bytes that are not UTF-8 instead of replacing them with U+FFFD: a
   * Windows-1252 export read leniently would silently corrupt every accented name.
   */
  static BufferedReader open(InputStream in) throws IOException {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder), BUFFER_CHARS);
    try {
      reader.mark(1);
      if (reader.read() != '\uFEFF') {
        reader.reset();
      }
    } catch (CharacterCodingException e) {
      throw notUtf8(e);
    }
    return reader;
  }

  static MalformedSourceException notUtf8(CharacterCodingException cause) {
    return new MalformedSourceException(
        "the file is not UTF-8 text; save it with UTF-8 encoding and upload it again", cause);
  }
}
