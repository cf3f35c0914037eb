package io.millwright.console.views.models;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import io.millwright.console.ports.ConsoleException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The wizard's upload of a trained model file (a TorchScript {@code .pt}) for a type that imports
 * one instead of learning: the browser sends it to a temporary file, and once it has arrived the
 * platform stores it, as the person, in the tenant's encrypted storage; the run then refers to it.
 */
final class ModelFileStep implements UploadHandler {

  /** Stores the received file as the person and returns the platform's id for it. */
  interface Store extends Serializable {
    String store(String fileName, InputStream content);
  }

  private final Div box = new Div();
  private final Paragraph status = new Paragraph();
  private final Upload upload = new Upload(this);
  private transient Path received;
  private String fileName;
  private String id;

  ModelFileStep(Store store) {
    box.setId("train-model-file-step");
    upload.setId("train-model-file");
    upload.setMaxFiles(1);
    upload.setAcceptedFileTypes(".pt", ".pth", ".zip");
    status.setId("train-model-file-status");
    Paragraph what =
        new Paragraph(
            "Upload the trained TorchScript file (.pt). It takes the run's feature columns in"
                + " order as numbers and answers one number per row (regression) or one score per"
                + " class, classes in sorted order; the platform checks that before it keeps it.");
    upload.getElement().addEventListener("upload-success", e -> storeReceived(store));
    upload
        .getElement()
        .addEventListener(
            "file-remove",
            e -> {
              id = null;
              discard();
              status.setText("");
            });
    upload.addDetachListener(e -> discard());
    box.add(what, upload, status);
  }

  Div component() {
    return box;
  }

  /** The stored file's id, or null before one was stored. */
  String id() {
    return id;
  }

  @Override
  public void handleUploadRequest(UploadEvent event) throws IOException {
    Path next = Files.createTempFile("millwright-model-", ".part");
    try (InputStream in = event.getInputStream()) {
      Files.copy(in, next, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(next);
      throw e;
    }
    synchronized (this) {
      discard();
      received = next;
      fileName = event.getFileName();
    }
  }

  private synchronized void storeReceived(Store store) {
    if (received == null) {
      return;
    }
    try (InputStream in = Files.newInputStream(received)) {
      long bytes = Files.size(received);
      id = store.store(fileName, in);
      status.setText(fileName + " stored (" + Math.max(1, bytes / 1024) + " KiB).");
    } catch (ConsoleException ex) {
      id = null;
      status.setText(fileName + " was not stored: " + ex.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      discard();
    }
  }

  private synchronized void discard() {
    if (received != null) {
      try {
        Files.deleteIfExists(received);
      } catch (IOException e) {
        // a temporary file; the system cleans its temp folder
      }
      received = null;
    }
  }
}
