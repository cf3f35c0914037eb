package io.millwright.server.datasets;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;

/**
 * How a posted file is to be read, as the request states it (inference, preview and upload share
 * it): the Content-Type or file name picks the format; the rest are the conventions the text alone
 * cannot reveal. Validated, every bad one named, by {@link UploadRequest#of}.
 */
public class FileOptions {

  @HeaderParam("Content-Type")
  String contentType;

  @QueryParam("fileName")
  String fileName;

  @QueryParam("dateOrder")
  String dateOrder;

  @QueryParam("decimalSeparator")
  String decimalSeparator;

  @QueryParam("zone")
  String zone;

  @QueryParam("delimiter")
  String delimiter;

  @QueryParam("sheet")
  String sheet;

  UploadRequest toRequest(String idempotencyKey) {
    return UploadRequest.of(
        contentType, fileName, idempotencyKey, dateOrder, decimalSeparator, zone, delimiter, sheet);
  }
}
