package io.millwright.console.views.datasets;

import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import io.millwright.console.ports.ConsoleException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * The file a person sent with an Upload component, kept in a temp file until the page is done.
 *
 * <p>Why a temp file rather than handing the request's stream straight to the platform: the upload
 * request arrives on Vaadin's dynamic-resource URL, which the console filter does not sign in as
 * the person, so no platform call may run inside it; and the page reads the file twice (preview,
 * then write) while the browser sends it once. The bytes are copied to disk as they arrive (never
 * held in memory), and each platform call gets a fresh stream over the file, which the services
 * read front to back.
 *
 * <p>Thread-safety: the upload request writes while page requests read, so access is synchronized.
 */
final class ReceivedFile implements UploadHandler {

  private transient Path path;
  private String fileName;
  private String idempotencyKey;

  @Override
  public void handleUploadRequest(UploadEvent event) throws IOException {
    Path next = Files.createTempFile("millwright-upload-", ".part");
    try (InputStream in = event.getInputStream()) {
      Files.copy(in, next, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(next);
      throw e;
    }
    synchronized (this) {
      discard();
      path = next;
      fileName = event.getFileName();
      // One key per received file: pressing Write twice returns the first outcome, not two writes.
      idempotencyKey = "console-" + UUID.randomUUID();
    }
  }

  synchronized boolean present() {
    return path != null;
  }

  synchronized String fileName() {
    return fileName;
  }

  synchronized String idempotencyKey() {
    return idempotencyKey;
  }

  /** A new stream over the file from its start; the caller closes it. */
  synchronized InputStream open() {
    if (path == null) {
      throw new ConsoleException("Choose a file first.");
    }
    try {
      return Files.newInputStream(path);
    } catch (IOException e) {
      throw new ConsoleException("The file is no longer here; please choose it again.");
    }
  }

  /** Deletes the temp file; the page calls this when done with it or when it is left. */
  synchronized void discard() {
    if (path != null) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // Nothing the person can act on; the temp directory is cleaned by the system.
      } finally {
        path = null;
      }
    }
  }
}
