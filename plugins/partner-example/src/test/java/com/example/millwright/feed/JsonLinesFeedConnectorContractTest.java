package com.example.millwright.feed;

import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.kit.ConnectorContract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The partner runs Millwright's connector contract kit against a real feed file. */
class JsonLinesFeedConnectorContractTest extends ConnectorContract {

  @TempDir Path dir;
  private Path feed;
  private int next;

  @BeforeEach
  void feed() throws IOException {
    feed = dir.resolve("orders.jsonl");
    Files.writeString(feed, "");
  }

  @Override
  protected Connector connector() {
    return new JsonLinesFeedConnector();
  }

  @Override
  protected Map<String, String> workingConfig() {
    return Map.of("path", feed.toString());
  }

  @Override
  protected Map<String, String> unreachableConfig() {
    return Map.of("path", dir.resolve("missing.jsonl").toString());
  }

  @Override
  protected void addRecords(int count) throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < count; i++) {
      int n = next++;
      lines.append("{\"order\": ").append(n).append(", \"sku\": \"A-").append(n).append("\"}\n");
    }
    Files.writeString(feed, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  @Override
  protected boolean addUnreadableRecord() throws IOException {
    Files.writeString(feed, "{\"order\": oops}\n", StandardOpenOption.APPEND);
    return true;
  }
}
