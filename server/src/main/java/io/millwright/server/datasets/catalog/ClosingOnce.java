package io.millwright.server.datasets.catalog;

import java.io.IOException;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;

/**
 * Iceberg's AES-GCM stream seals its last block on close and fails on a second close, which some
 * writers (metadata JSON, Avro manifests) do: a second close is made a no-op.
 */
final class ClosingOnce implements OutputFile {
  private final OutputFile delegate;

  ClosingOnce(OutputFile delegate) {
    this.delegate = delegate;
  }

  @Override
  public PositionOutputStream create() {
    return guard(delegate.create());
  }

  @Override
  public PositionOutputStream createOrOverwrite() {
    return guard(delegate.createOrOverwrite());
  }

  @Override
  public String location() {
    return delegate.location();
  }

  @Override
  public InputFile toInputFile() {
    return delegate.toInputFile();
  }

  private static PositionOutputStream guard(PositionOutputStream stream) {
    return new PositionOutputStream() {
      private boolean closed;

      @Override
      public long getPos() throws IOException {
        return stream.getPos();
      }

      @Override
      public long storedLength() throws IOException {
        return stream.storedLength();
      }

      @Override
      public void write(int b) throws IOException {
        stream.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        stream.write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        stream.flush();
      }

      @Override
      public void close() throws IOException {
        if (!closed) {
          closed = true;
          stream.close();
        }
      }
    };
  }
}
