package io.millwright.server.datasets.ingest;

import java.io.IOException;

/** The upload has more raw bytes than {@link SourceOptions#maxBytes()} allows. */
public class SourceTooLargeException extends IOException {

  private final long limit;

  public SourceTooLargeException(long limit) {
    super("the file is larger than the limit of " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
