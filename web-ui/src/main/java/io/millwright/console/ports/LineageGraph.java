package io.millwright.console.ports;

import java.time.Instant;
import java.util.List;

/**
 * Where a dataset's data came from and where it went, as its versions record it.
 *
 * @param upstream the datasets it was made from, directly or not
 * @param downstream the datasets made from it, directly or not
 * @param edges the transform runs among all of these
 * @param sources the versions that came from outside (uploads and replays)
 */
public record LineageGraph(
    String dataset,
    List<String> upstream,
    List<String> downstream,
    List<Edge> edges,
    List<Source> sources) {

  /**
   * One transform run: {@code from}@{@code fromVersion} was read to make {@code to}@{@code
   * toVersion}.
   *
   * @param transform the transform's name, null when the version does not record one
   */
  public record Edge(
      String from, long fromVersion, String to, long toVersion, String transform, Instant at) {}

  /**
   * A version that came from outside.
   *
   * @param kind {@code upload} or {@code replay}
   * @param uploadId the upload that wrote it, null when not recorded
   */
  public record Source(String dataset, long version, String kind, String uploadId, Instant at) {}
}
