package io.millwright.server.models;

import io.millwright.metering.UsageCategory;
import io.millwright.metering.UsageEvent;
import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.datasets.DatasetTables;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.server.usage.UsageRecorder;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.io.FileIO;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Trained model files people upload to import (a TorchScript file for the {@code torchscript}
 * type): streamed into the tenant's storage encrypted with its data key, with size and SHA-256
 * recorded, and handed to a training run as a plain file only inside its work folder.
 */
@ApplicationScoped
public class ModelFiles {

  /** An uploaded file as recorded. */
  public record ModelFile(
      UUID id, String name, String sha256, long bytes, String uploadedBy, Instant uploadedAt) {}

  @Inject DatasetTables tables;
  @Inject ModelFileStore store;
  @Inject AuditTrail audit;
  @Inject UsageRecorder usage;

  @Inject
  @ConfigProperty(name = "millwright.models.max-file-bytes", defaultValue = "536870912")
  long maxBytes;

  public ModelFile upload(
      TenantId tenant, String name, InputStream body, Caller caller, RequestContext context) {
    UUID id = UUID.randomUUID();
    String location = tables.warehouseOf(tenant) + "/models/files/" + id + ".bin";
    FileIO io = tables.files(tenant);
    long bytes;
    String sha256;
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(body, sha);
          OutputStream out = io.newOutputFile(location).createOrOverwrite()) {
        bytes = copyAtMost(in, out, maxBytes);
      }
      sha256 = HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      io.deleteFile(location);
      throw new UncheckedIOException(e);
    } catch (ProblemException e) {
      io.deleteFile(location);
      throw e;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    if (bytes == 0) {
      io.deleteFile(location);
      throw new ProblemException(Problem.badRequest("The model file is empty."));
    }
    String shown = name == null || name.isBlank() ? null : name.strip();
    ModelFile file = new ModelFile(id, shown, sha256, bytes, caller.displayName(), Instant.now());
    store.insert(tenant, file, location);
    audit.appendInNewTransaction(
        tenant,
        AuditEvent.success(
            caller,
            "model.file.upload",
            id.toString(),
            context,
            Map.of("bytes", bytes, "sha256", sha256, "name", shown == null ? "" : shown)));
    usage.record(
        tenant,
        List.of(
            new UsageEvent(
                "model-file:" + id,
                tenant,
                "model.file.bytes",
                BigDecimal.valueOf(bytes),
                "byte",
                Instant.now(),
                UsageCategory.STORAGE,
                id.toString(),
                Map.of("file", id.toString()))));
    return file;
  }

  public Optional<ModelFile> find(TenantId tenant, UUID id) {
    return Optional.ofNullable(store.row(tenant, id)).map(ModelFileStore.Row::file);
  }

  /** Writes the file, decrypted and checked against its recorded SHA-256, to {@code target}. */
  public void restore(TenantId tenant, UUID id, Path target) {
    ModelFileStore.Row row = store.row(tenant, id);
    if (row == null) {
      throw new IllegalStateException("model file " + id + " is gone");
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (InputStream in =
          new DigestInputStream(
              tables.files(tenant).newInputFile(row.location()).newStream(), sha)) {
        Files.copy(in, target);
      }
      String actual = HexFormat.of().formatHex(sha.digest());
      if (!actual.equals(row.file().sha256())) {
        throw new IllegalStateException(
            "model file " + id + " was changed or damaged: SHA-256 " + actual);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long copyAtMost(InputStream in, OutputStream out, long max) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > max) {
        throw new ProblemException(
            Problem.of(
                413,
                "model-file-too-large",
                "Model file too large",
                "A model file may have at most "
                    + max
                    + " bytes (millwright.models.max-file-bytes)."));
      }
      out.write(buffer, 0, n);
    }
    return total;
  }
}
