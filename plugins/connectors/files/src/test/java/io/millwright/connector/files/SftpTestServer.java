package io.millwright.connector.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server for tests: Apache MINA SSHD's server on a free loopback port, with an ed25519
 * host key made for the test, one user who logs in with a password or an ed25519 key, and a virtual
 * file system rooted at a test folder (so "/drop" on the server is {@code root/drop}).
 */
final class SftpTestServer implements AutoCloseable {

  static final String USER = "etl";
  static final String PASSWORD = "s3cret-Pa55word";

  final Path root;
  final KeyPair hostKey;
  final KeyPair userKey;
  final SshServer server;
  private final int port;

  /** Password attempts the server saw: none must come to a server whose key was refused. */
  final AtomicInteger passwordAttempts = new AtomicInteger();

  SftpTestServer(Path root) throws Exception {
    this(root, 0);
  }

  private SftpTestServer(Path root, int port) throws Exception {
    this(root, port, newKey(), newKey());
  }

  private SftpTestServer(Path root, int port, KeyPair hostKey, KeyPair userKey) throws Exception {
    this.root = root;
    this.hostKey = hostKey;
    this.userKey = userKey;
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(port);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPasswordAuthenticator(
        (user, password, session) -> {
          passwordAttempts.incrementAndGet();
          return USER.equals(user) && PASSWORD.equals(password);
        });
    PublicKey authorized = userKey.getPublic();
    server.setPublickeyAuthenticator(
        (user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(authorized, key));
    server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    server.setFileSystemFactory(new VirtualFileSystemFactory(root));
    server.start();
    this.port = server.getPort();
  }

  static KeyPair newKey() throws Exception {
    return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
  }

  /** The same server again on the same port, root and keys, as after a restart. */
  SftpTestServer restarted() throws Exception {
    close();
    return again();
  }

  /** A stopped server started again on its port, root and keys. */
  SftpTestServer again() throws Exception {
    return new SftpTestServer(root, port, hostKey, userKey);
  }

  int port() {
    return port;
  }

  /** The host key's fingerprint as ssh-keygen -lf prints it. */
  String fingerprint() {
    return KeyUtils.getFingerPrint(hostKey.getPublic());
  }

  /** The user's key as an OpenSSH private key file, encrypted when a passphrase is given. */
  String privateKey(String passphrase) throws Exception {
    return privateKey(userKey, passphrase);
  }

  static String privateKey(KeyPair userKey, String passphrase) throws Exception {
    OpenSSHKeyEncryptionContext encryption = null;
    if (passphrase != null) {
      encryption = new OpenSSHKeyEncryptionContext();
      encryption.setCipherName("AES");
      encryption.setCipherType("256");
      encryption.setPassword(passphrase);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "etl@test", encryption, out);
    return out.toString(StandardCharsets.US_ASCII);
  }

  /** Ends every session, as a network failure or a server restart would. */
  void dropConnections() throws IOException {
    for (AbstractSession s : server.getActiveSessions()) {
      s.close(true);
    }
  }

  /** A configuration for this server's folder {@code /drop} with the password. */
  Map<String, String> config(String... more) {
    Map<String, String> c = new HashMap<>();
    c.put("location", "sftp");
    c.put("host", "127.0.0.1");
    c.put("port", Integer.toString(port()));
    c.put("username", USER);
    c.put("password", PASSWORD);
    c.put("hostKey", fingerprint());
    c.put("folder", "/drop");
    c.put("minAge", "0s");
    for (int i = 0; i < more.length; i += 2) {
      if (more[i + 1] == null) {
        c.remove(more[i]);
      } else {
        c.put(more[i], more[i + 1]);
      }
    }
    return c;
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }
}
