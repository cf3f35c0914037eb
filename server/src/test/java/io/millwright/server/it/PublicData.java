package io.millwright.server.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Public real-world datasets nobody here wrote: the Vega project's collection (NOAA weather, FAA
 * bird strikes, stock prices, US airports, …), fetched once from the npm registry at a pinned
 * version and checksum and cached under target/.
 */
final class PublicData {

  static final String URL = "https://registry.npmjs.org/vega-datasets/-/vega-datasets-2.8.0.tgz";
  static final String SHA256 = "234330ee2d17a22b71964f428c077b156cee0f16cdd56eab2bd02f5c291c6310";
  static final Path DIR = Path.of("target", "public-data", "vega-datasets-2.8.0");

  private PublicData() {}

  /** The file {@code data/<name>} of the collection. */
  static synchronized Path file(String name) throws IOException, InterruptedException {
    Path target = DIR.resolve(name);
    if (Files.exists(target)) {
      return target;
    }
    Path archive = DIR.resolveSibling("vega-datasets-2.8.0.tgz");
    Files.createDirectories(DIR);
    if (!Files.exists(archive) || !sha256(archive).equals(SHA256)) {
      HttpResponse<Path> got =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(20))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(URL)).timeout(Duration.ofSeconds(120)).build(),
                  HttpResponse.BodyHandlers.ofFile(archive));
      if (got.statusCode() != 200 || !sha256(archive).equals(SHA256)) {
        throw new IOException("could not fetch " + URL + " (HTTP " + got.statusCode() + ")");
      }
    }
    try (InputStream in = Files.newInputStream(archive);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.isFile() && entry.getName().startsWith("package/data/")) {
          Path out = DIR.resolve(entry.getName().substring("package/data/".length()));
          if (out.normalize().startsWith(DIR)) {
            Files.createDirectories(out.getParent());
            Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    }
    return target;
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
