package io.millwright.server.datasets.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts raw bytes for progress and enforces the size limit while reading, so an oversized upload
 * is stopped before it is read (or spooled) whole.
 */
final class ByteCountingInputStream extends FilterInputStream {

  private final long maxBytes;
  private long count;

  ByteCountingInputStream(InputStream in, long maxBytes) {
    super(in);
    this.maxBytes = maxBytes;
  }

  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      add(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      add(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    add(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    // Re-reading after reset would count bytes twice.
    return false;
  }

  private void add(long n) throws SourceTooLargeException {
    count += n;
    if (maxBytes > 0 && count > maxBytes) {
      throw new SourceTooLargeException(maxBytes);
    }
  }
}
