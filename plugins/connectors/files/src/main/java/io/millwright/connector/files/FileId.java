package io.millwright.connector.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * Which file, as the offset remembers it: name, size, modification time and the SHA-256 of its
 * first 64 KiB. A file with the same name and the same first 64 KiB is the same file (it may have
 * grown); one whose name matches but whose start differs was replaced.
 */
record FileId(String name, long size, Instant modified, String sha256) {

  static final int HASHED_BYTES = 64 * 1024;

  /** The identity of a file as it is on disk now; null when it is gone. */
  static FileId of(Path file) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    }
    String sha;
    try {
      sha = headHash(file);
    } catch (NoSuchFileException e) {
      return null;
    }
    return new FileId(
        file.getFileName().toString(), a.size(), a.lastModifiedTime().toInstant(), sha);
  }

  /** Hex SHA-256 of the first 64 KiB. */
  static String headHash(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return headHash(in);
    }
  }

  /** Hex SHA-256 of the first 64 KiB a stream gives. */
  static String headHash(InputStream in) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    md.update(in.readNBytes(HASHED_BYTES));
    return HexFormat.of().formatHex(md.digest());
  }

  /** The same file, possibly grown since. */
  boolean sameStart(FileId other) {
    return other != null && name.equals(other.name) && sha256.equals(other.sha256);
  }

  /** The same file, unchanged. */
  boolean unchanged(FileId other) {
    return sameStart(other) && size == other.size && modified.equals(other.modified);
  }

  void appendJson(StringBuilder sb) {
    sb.append("\"file\":");
    Json.quote(sb, name);
    sb.append(",\"size\":").append(size);
    sb.append(",\"modified\":");
    Json.quote(sb, modified.toString());
    sb.append(",\"sha256\":");
    Json.quote(sb, sha256);
  }

  static FileId fromJson(Map<?, ?> map) {
    Object name = map.get("file");
    if (name == null) {
      return null;
    }
    if (!(name instanceof String n)
        || !(map.get("size") instanceof String size)
        || !(map.get("modified") instanceof String modified)
        || !(map.get("sha256") instanceof String sha)) {
      throw new IllegalArgumentException("a file without name, size, modified or sha256");
    }
    return new FileId(n, Long.parseLong(size), Instant.parse(modified), sha);
  }
}
