package io.millwright.server.datasets.ingest;

import java.io.IOException;

/**
 * The upload cannot be read as a table at all (no header, duplicate header names, not UTF-8, not a
 * workbook). The message is written for the person who uploaded the file.
 */
public class MalformedSourceException extends IOException {

  public MalformedSourceException(String message) {
    super(message);
  }

  public MalformedSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
