package io.millwright.server.datasets.ingest;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Guesses the CSV delimiter from the header line. European Excel writes ';', databases often write
 * tabs or '|'; the header is the line least likely to contain the delimiter as data.
 */
final class DelimiterSniffer {

  /** In order of preference when counts tie. */
  private static final char[] CANDIDATES = {',', ';', '\t', '|'};

  private static final int MAX_HEADER_CHARS = 1 << 20;

  private DelimiterSniffer() {}

  /**
   * Reads the first non-blank line without consuming it and returns its most frequent delimiter.
   */
  static char sniff(BufferedReader reader) throws IOException {
    reader.mark(MAX_HEADER_CHARS);
    int[] counts = new int[CANDIDATES.length];
    boolean quoted = false;
    boolean sawText = false;
    for (int i = 0; i < MAX_HEADER_CHARS - 1; i++) {
      int c = reader.read();
      if (c < 0) {
        break;
      }
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
    reader.reset();
    int best = 0;
    for (int k = 1; k < CANDIDATES.length; k++) {
      if (counts[k] > counts[best]) {
        best = k;
      }
    }
    // With no candidate at all the file has one column; ',' is as good as any.
    return CANDIDATES[best];
  }
}
