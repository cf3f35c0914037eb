package io.millwright.server.plugins;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A plugin archive checked before anything of it runs: a zip of {@code plugin.properties}, {@code
 * classes/} and {@code lib/*.jar}, whose entries all stay inside the plugin's folder, whose size
 * unpacked is bounded (zip bombs), and which does not bundle its own copy of the plugin API or PF4J
 * (that copy would shadow the host's and fail with class cast errors later).
 */
public final class PluginArchive {

  /** Bounds for one archive; the defaults suit connectors with a few libraries. */
  public record Limits(long maxArchiveBytes, long maxUnpackedBytes, int maxEntries) {
    public static final Limits DEFAULT = new Limits(64L << 20, 256L << 20, 10_000);
  }

  private final byte[] bytes;
  private final PluginManifest manifest;
  private final String sha256;
  private final Limits limits;

  private PluginArchive(byte[] bytes, PluginManifest manifest, Limits limits) {
    this.bytes = bytes;
    this.manifest = manifest;
    this.limits = limits;
    this.sha256 = sha256(bytes);
  }

  /**
   * Reads and checks an archive without unpacking it.
   *
   * @throws PluginRefusedException what is wrong with it
   */
  public static PluginArchive check(byte[] bytes, Limits limits) {
    if (bytes.length == 0) {
      throw new PluginRefusedException("the plugin archive is empty");
    }
    if (bytes.length > limits.maxArchiveBytes()) {
      throw new PluginRefusedException(
          "the plugin archive is "
              + bytes.length
              + " bytes; at most "
              + limits.maxArchiveBytes()
              + " are accepted");
    }
    Properties properties = null;
    boolean code = false;
    int entries = 0;
    long unpacked = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry entry;
      byte[] buffer = new byte[8192];
      while ((entry = zip.getNextEntry()) != null) {
        if (++entries > limits.maxEntries()) {
          throw new PluginRefusedException(
              "the plugin archive has more than " + limits.maxEntries() + " entries");
        }
        String name = safeName(entry.getName());
        checkNotBundled(name);
        if (name.startsWith("classes/") || name.startsWith("lib/")) {
          code = true;
        }
        Properties read = null;
        java.io.ByteArrayOutputStream text =
            name.equals("plugin.properties") ? new java.io.ByteArrayOutputStream() : null;
        int n;
        while ((n = zip.read(buffer)) > 0) {
          unpacked += n;
          if (unpacked > limits.maxUnpackedBytes()) {
            throw new PluginRefusedException(
                "the plugin archive unpacks to more than "
                    + limits.maxUnpackedBytes()
                    + " bytes (a zip bomb, or far too big for a plugin)");
          }
          if (text != null) {
            if (text.size() > 65_536) {
              throw new PluginRefusedException("plugin.properties is larger than 64 KiB");
            }
            text.write(buffer, 0, n);
          }
        }
        if (text != null) {
          read = new Properties();
          read.load(new ByteArrayInputStream(text.toByteArray()));
          properties = read;
        }
      }
    } catch (ZipException e) {
      throw new PluginRefusedException("the plugin archive is not a valid zip: " + e.getMessage());
    } catch (IOException e) {
      throw new PluginRefusedException("the plugin archive cannot be read: " + e.getMessage(), e);
    }
    if (entries == 0) {
      throw new PluginRefusedException("the plugin archive is not a zip, or holds no entries");
    }
    if (properties == null) {
      throw new PluginRefusedException(
          "the plugin archive has no plugin.properties at its root (see docs/plugin-guide.md)");
    }
    if (!code) {
      throw new PluginRefusedException("the plugin archive has neither classes/ nor lib/");
    }
    return new PluginArchive(bytes, PluginManifest.of(properties), limits);
  }

  /** Unpacks into an empty (or new) folder; entries were checked to stay inside it. */
  public void unpackInto(Path folder) throws IOException {
    Files.createDirectories(folder);
    Path root = folder.toRealPath();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
      ZipEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        Path target = root.resolve(safeName(entry.getName())).normalize();
        if (!target.startsWith(root)) {
          throw new PluginRefusedException("entry " + entry.getName() + " leaves the folder");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
          copy(zip, out);
        }
      }
    }
  }

  public PluginManifest manifest() {
    return manifest;
  }

  public String sha256() {
    return sha256;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public Limits limits() {
    return limits;
  }

  /** Entry names must be relative, forward-slashed and never climb out of the folder. */
  static String safeName(String name) {
    if (name.isEmpty()
        || name.startsWith("/")
        || name.contains("\\")
        || name.contains("\0")
        || name.matches("^[A-Za-z]:.*")) {
      throw new PluginRefusedException("entry '" + name + "' is not a relative path");
    }
    for (String part : name.split("/")) {
      if (part.equals("..")) {
        throw new PluginRefusedException("entry '" + name + "' escapes the plugin folder");
      }
    }
    return name;
  }

  private static void checkNotBundled(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("lib/")
        && (lower.contains("millwright-plugin-api") || lower.matches("lib/pf4j-[0-9].*\\.jar"))) {
      throw new PluginRefusedException(
          name
              + " must not be bundled: the host provides the plugin API and PF4J (declare them"
              + " 'provided')");
    }
    if (lower.startsWith("classes/io/millwright/plugin/api/")
        || lower.startsWith("classes/org/pf4j/")) {
      throw new PluginRefusedException(
          name + " must not be bundled: the host provides the plugin API and PF4J");
    }
  }

  private static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) > 0) {
      out.write(buffer, 0, n);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
