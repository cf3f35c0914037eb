package io.millwright.server.datasets.catalog;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.iceberg.encryption.AesGcmInputFile;
import org.apache.iceberg.encryption.AesGcmOutputFile;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.io.SeekableInputStream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The tenant's warehouse on S3-compatible object storage, with the same guarantees as {@link
 * TenantFileIO} on disk: every object AES-GCM encrypted under the tenant's data key with its key
 * relative to the warehouse as associated data, and nothing outside {@code s3://bucket/prefix/}
 * reachable. Reads are ranged GETs (Parquet seeks to footers and column chunks); writes go to a
 * local temporary file and are uploaded on close, so an object appears whole or not at all.
 */
public final class ObjectStoreFileIO implements FileIO {

  private static final long serialVersionUID = 1L;
  private static final int READ_AHEAD = 1 << 20;

  private final transient S3Client s3;
  private final String bucket;
  private final String prefix;
  private final byte[] dataKey;

  /**
   * @param root the warehouse, {@code s3://bucket/some/prefix}
   */
  public ObjectStoreFileIO(S3Client s3, String root, byte[] dataKey) {
    URI uri = URI.create(root.endsWith("/") ? root.substring(0, root.length() - 1) : root);
    if (!"s3".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("not an s3://bucket/prefix location: " + root);
    }
    if (dataKey.length != 32) {
      throw new IllegalArgumentException("a data key is 32 bytes");
    }
    this.s3 = s3;
    this.bucket = uri.getHost();
    this.prefix = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
    this.dataKey = dataKey.clone();
  }

  public String root() {
    return "s3://" + bucket + "/" + prefix;
  }

  /** The object key a location names, if it lies inside the warehouse. */
  public String keyOf(String location) {
    String start = root() + "/";
    if (!location.startsWith(start) || location.length() == start.length()) {
      throw new SecurityException("location outside the tenant's warehouse: " + location);
    }
    String relative = location.substring(start.length());
    for (String segment : relative.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new SecurityException("location outside the tenant's warehouse: " + location);
      }
    }
    return prefix + "/" + relative;
  }

  private byte[] aad(String key) {
    return key.substring(prefix.length() + 1).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public InputFile newInputFile(String location) {
    String key = keyOf(location);
    Long length;
    try {
      length = s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
    } catch (NoSuchKeyException e) {
      length = null;
    }
    return new AesGcmInputFile(new ObjectInput(location, key, length), dataKey, aad(key), length);
  }

  @Override
  public OutputFile newOutputFile(String location) {
    String key = keyOf(location);
    return new ClosingOnce(
        new AesGcmOutputFile(new ObjectOutput(location, key), dataKey, aad(key)));
  }

  @Override
  public void deleteFile(String location) {
    String key = keyOf(location);
    s3.deleteObject(b -> b.bucket(bucket).key(key));
  }

  /**
   * Deletes every object whose key starts with {@code prefix} (a purged tenant's
   * "tenants/&lt;id&gt;/"), however the objects were written.
   *
   * @return how many were deleted
   */
  public static long deleteAllUnder(S3Client s3, String bucket, String prefix) {
    if (prefix.isEmpty() || !prefix.endsWith("/")) {
      throw new IllegalArgumentException("a prefix ending in '/', not '" + prefix + "'");
    }
    long[] deleted = {0};
    s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
        .contents()
        .forEach(
            o -> {
              s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
              deleted[0]++;
            });
    return deleted[0];
  }

  /** Deletes every object under a location (a dataset's directory, say). */
  public void deletePrefix(String location) {
    String key = keyOf(location) + "/";
    s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(key))
        .contents()
        .forEach(o -> s3.deleteObject(b -> b.bucket(bucket).key(o.key())));
  }

  private final class ObjectInput implements InputFile {
    private final String location;
    private final String key;
    private final Long length;

    ObjectInput(String location, String key, Long length) {
      this.location = location;
      this.key = key;
      this.length = length;
    }

    @Override
    public long getLength() {
      if (length == null) {
        throw new UncheckedIOException(new java.io.FileNotFoundException(location));
      }
      return length;
    }

    @Override
    public SeekableInputStream newStream() {
      return new RangedStream(key, getLength());
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public boolean exists() {
      return length != null;
    }
  }

  /** Reads an object by ranges, one read-ahead buffer at a time. */
  private final class RangedStream extends SeekableInputStream {
    private final String key;
    private final long length;
    private long position;
    private byte[] buffer = new byte[0];
    private long bufferStart;

    RangedStream(String key, long length) {
      this.key = key;
      this.length = length;
    }

    @Override
    public long getPos() {
      return position;
    }

    @Override
    public void seek(long newPos) throws IOException {
      if (newPos < 0 || newPos > length) {
        throw new EOFException("seek to " + newPos + " of " + length);
      }
      position = newPos;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (position >= length) {
        return -1;
      }
      if (position < bufferStart || position >= bufferStart + buffer.length) {
        fill();
      }
      int offset = (int) (position - bufferStart);
      int n = Math.min(len, buffer.length - offset);
      System.arraycopy(buffer, offset, b, off, n);
      position += n;
      return n;
    }

    private void fill() throws IOException {
      long end = Math.min(length, position + READ_AHEAD) - 1;
      try (ResponseInputStream<GetObjectResponse> in =
          s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + position + "-" + end))) {
        buffer = in.readAllBytes();
        bufferStart = position;
      }
      if (buffer.length == 0) {
        throw new EOFException("no bytes at " + position + " of " + key);
      }
    }

    @Override
    public void close() {}
  }

  private final class ObjectOutput implements OutputFile {
    private final String location;
    private final String key;

    ObjectOutput(String location, String key) {
      this.location = location;
      this.key = key;
    }

    @Override
    public PositionOutputStream create() {
      return createOrOverwrite();
    }

    @Override
    public PositionOutputStream createOrOverwrite() {
      try {
        Path spool = Files.createTempFile("millwright-object-", ".part");
        OutputStream out = Files.newOutputStream(spool);
        return new PositionOutputStream() {
          private long position;
          private boolean closed;

          @Override
          public long getPos() {
            return position;
          }

          @Override
          public void write(int b) throws IOException {
            out.write(b);
            position++;
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            position += len;
          }

          @Override
          public void close() throws IOException {
            if (closed) {
              return;
            }
            closed = true;
            out.close();
            try {
              s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(spool));
            } finally {
              Files.deleteIfExists(spool);
            }
          }
        };
      } catch (IOException e) {
        throw new UncheckedIOException("cannot spool " + location, e);
      }
    }

    @Override
    public String location() {
      return location;
    }

    @Override
    public InputFile toInputFile() {
      Long length;
      try {
        length = s3.headObject(b -> b.bucket(bucket).key(key)).contentLength();
      } catch (NoSuchKeyException e) {
        length = null;
      }
      return new ObjectInput(location, key, length);
    }
  }
}
