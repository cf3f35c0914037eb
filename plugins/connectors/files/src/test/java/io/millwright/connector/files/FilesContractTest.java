package io.millwright.connector.files;

import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.kit.ConnectorContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The kit against a drop folder: every addRecords drops a new CSV file. */
class FilesContractTest extends ConnectorContract {

  @TempDir Path folder;

  private final FilesConnector connector = new FilesConnector();
  private Drop drop;
  private int files;
  private int nextId = 1;

  private Drop drop() {
    if (drop == null) {
      drop = new Drop(folder);
    }
    return drop;
  }

  @Override
  protected Connector connector() {
    return connector;
  }

  @Override
  protected Map<String, String> workingConfig() {
    return drop().config();
  }

  @Override
  protected Map<String, String> unreachableConfig() {
    return Map.of("folder", folder.resolve("no-such-folder").toString());
  }

  @Override
  protected void addRecords(int count) throws Exception {
    drop().text(String.format("orders-%03d.csv", ++files), Drop.orders(nextId, nextId + count - 1));
    nextId += count;
  }

  @Override
  protected boolean addUnreadableRecord() throws Exception {
    drop()
        .text(String.format("orders-%03d.csv", ++files), "id,customer,total\n999,too,many,cells\n");
    return true;
  }
}
