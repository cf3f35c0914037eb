package io.millwright.console.views.datasets;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.dom.DomEvent;
import com.vaadin.flow.function.SerializableRunnable;
import elemental.json.JsonType;
import elemental.json.JsonValue;

/** The Upload component as dataset pages use it: one file, the formats the platform reads. */
final class FileUploads {

  static final String[] FORMATS = {".csv", ".tsv", ".txt", ".xlsx", ".jsonl", ".ndjson"};

  private FileUploads() {}

  /**
   * An Upload that keeps the file in {@code into}, says what is happening in {@code status}, and
   * runs {@code whenReceived} in the page request that follows a complete upload (where the
   * platform may be called as the person).
   */
  static Upload of(String id, ReceivedFile into, Div status, SerializableRunnable whenReceived) {
    Upload upload = new Upload(into);
    upload.setId(id);
    upload.setMaxFiles(1);
    upload.setAcceptedFileTypes(FORMATS);
    upload
        .getElement()
        .addEventListener(
            "upload-start",
            e -> status.setText("Sending " + text(e, "event.detail.file.name") + "…"))
        .addEventData("event.detail.file.name");
    upload
        .getElement()
        .addEventListener(
            "upload-error",
            e ->
                status.setText(
                    "The file did not arrive ("
                        + text(e, "event.detail.file.error")
                        + "). Please choose it again."))
        .addEventData("event.detail.file.error");
    upload.getElement().addEventListener("upload-success", e -> whenReceived.run());
    upload
        .getElement()
        .addEventListener(
            "file-remove",
            e -> {
              into.discard();
              status.setText("");
            });
    upload.addDetachListener(e -> into.discard());
    return upload;
  }

  private static String text(DomEvent event, String key) {
    JsonValue value = event.getEventData().get(key);
    return value == null || value.getType() == JsonType.NULL ? "" : value.asString();
  }
}
