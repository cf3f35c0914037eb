package io.millwright.connector.files;

import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.kit.ConnectorContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit against a drop folder on a real SFTP server: every addRecords drops a new CSV file there;
 * the unreachable configuration has a wrong password.
 */
class SftpContractTest extends ConnectorContract {

  @TempDir Path root;

  private final FilesConnector connector = new FilesConnector();
  private SftpTestServer server;
  private Drop drop;
  private int files;
  private int nextId = 1;

  private SftpTestServer server() {
    if (server == null) {
      try {
        server = new SftpTestServer(root);
        Files.createDirectories(root.resolve("drop"));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      drop = new Drop(root.resolve("drop"));
    }
    return server;
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected Connector connector() {
    return connector;
  }

  @Override
  protected Map<String, String> workingConfig() {
    return server().config();
  }

  @Override
  protected Map<String, String> unreachableConfig() {
    return server().config("password", "not-the-password");
  }

  @Override
  protected void addRecords(int count) throws Exception {
    server();
    drop.text(String.format("orders-%03d.csv", ++files), Drop.orders(nextId, nextId + count - 1));
    nextId += count;
  }

  @Override
  protected boolean addUnreadableRecord() throws Exception {
    server();
    drop.text(String.format("orders-%03d.csv", ++files), "id,customer,total\n999,too,many,cells\n");
    return true;
  }
}
