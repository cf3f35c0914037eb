package io.millwright.connector.files;

import io.millwright.plugin.api.connector.ConnectorException;
import io.millwright.plugin.api.connector.SourceRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.Provider;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.i2p.crypto.eddsa.EdDSASecurityProvider;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.future.AuthFuture;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.security.eddsa.EdDSASecurityProviderRegistrar;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/**
 * A drop folder on an SFTP server, through Apache MINA SSHD's client. One SSH session and one SFTP
 * channel per polling source, opened at the first use and again after it was lost; the server must
 * show one of the configured host keys, or nothing is sent to it (not even the password).
 *
 * <p>What differs from a local folder:
 *
 * <ul>
 *   <li>Whether a file is still being written is decided by watching it: it is ready once its size
 *       and modification time have stayed the same for minAge by this reader's clock, since the
 *       server's clock may be off from ours. After a restart a file is watched for minAge again.
 *   <li>A CSV is streamed over SFTP as a local one is read (its first 64 KiB, an encoding scan when
 *       it has no byte order mark, then the parse); an XLSX, a zip that POI must read at random, is
 *       first copied to a temporary file on the server (owner-only, deleted when it is closed).
 *   <li>The move to the done folder is an SFTP rename, so the done folder must be on the same file
 *       system of the SFTP server as the folder.
 * </ul>
 *
 * <p>SSHD finds its security providers (EdDSA for ed25519 keys) and its I/O factory through the
 * thread's context class loader, which in the host is not the plugin's: every call into SSHD that
 * may look one up runs with the plugin's class loader as context ({@link #inPluginLoader}).
 */
final class SftpFolder implements DropFolder {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
  static final Duration AUTH_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration HEARTBEAT = Duration.ofSeconds(30);

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

  private final FilesSettings s;
  private final FilesSettings.Sftp sftp;
  private final Logger log;

  /** When each listed file was first seen with its current size and time, by our clock. */
  private final Map<String, Seen> seen = new HashMap<>();

  private SshClient client;
  private ClientSession session;
  private SftpClient files;

  /** Counts sessions: rows opened through an earlier one cannot be read on. */
  private int generation;

  private boolean doneFolderThere;

  private record Seen(long size, Instant modified, Instant since) {}

  private final Clock clock;

  SftpFolder(FilesSettings s, Logger log, Clock clock) {
    this.clock = clock;
    this.s = s;
    this.sftp = s.sftp();
    this.log = log;
  }

  @Override
  public String reader() {
    return "SFTP user " + sftp.username();
  }

  // ---- the connection -------------------------------------------------------------------------

  /** The SFTP channel, connected and logged in: the one open, or a new one. */
  private SftpClient files() throws ConnectorException {
    if (files != null && files.isOpen() && session != null && session.isOpen()) {
      return files;
    }
    disconnect();
    inPluginLoader(this::connect);
    return files;
  }

  private interface Step {
    void run() throws ConnectorException;
  }

  /** Runs SSHD code with the plugin's class loader as the thread's context class loader. */
  static void inPluginLoader(Step step) throws ConnectorException {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(SftpFolder.class.getClassLoader());
    try {
      step.run();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /**
   * Registers, once, SSHD's security providers of this plugin's copy of SSHD. EdDSA (ed25519 keys)
   * is registered as this plugin's own provider instance rather than by name: SSHD's default adds
   * it to the JVM's global provider list, where the first copy registered wins, and a copy from
   * another class loader (another plugin, the host) hands out key classes this plugin's SSHD cannot
   * use (InvalidKeySpecException on an ed25519 key).
   */
  private static synchronized void prepareSecurity() {
    if (securityReady) {
      return;
    }
    SecurityUtils.registerSecurityProvider(new PluginEdDsa());
    SecurityUtils.isEDDSACurveSupported(); // registers the others, with this class loader
    securityReady = true;
  }

  private static boolean securityReady;

  /** net.i2p's EdDSA provider from the plugin's lib/, used as an instance, never by name. */
  private static final class PluginEdDsa extends EdDSASecurityProviderRegistrar {
    private final Provider provider = new EdDSASecurityProvider();

    @Override
    public boolean isNamedProviderUsed() {
      return false;
    }

    @Override
    public Provider getSecurityProvider() {
      return provider;
    }

    @Override
    public boolean isSupported() {
      return true;
    }
  }

  private void connect() throws ConnectorException {
    prepareSecurity();
    HostKeys accepted = HostKeys.parse(sftp.hostKey());
    List<KeyPair> keys = keys();
    // Set on SSHD's I/O thread during the key exchange, read here after it.
    AtomicReference<PublicKey> presented = new AtomicReference<>();
    SshClient c = SshClient.setUpDefaultClient();
    // Only what the connection's settings say: no ~/.ssh/config, no ~/.ssh/id_* of the server's
    // account, no known_hosts file; the host key is checked against the Host key option alone.
    c.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
    c.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
    c.setServerKeyVerifier(
        (clientSession, address, key) -> {
          presented.set(key);
          return accepted.accepts(key);
        });
    CoreModuleProperties.HEARTBEAT_INTERVAL.set(c, HEARTBEAT);
    CoreModuleProperties.AUTH_TIMEOUT.set(c, AUTH_TIMEOUT);
    ClientSession se = null;
    try {
      c.start();
      ConnectFuture connecting = c.connect(sftp.username(), sftp.host(), sftp.port());
      if (!connecting.await(CONNECT_TIMEOUT)) {
        connecting.cancel();
        throw ConnectorException.unavailable(
            "The SFTP server "
                + sftp.server()
                + " did not answer within "
                + CONNECT_TIMEOUT.toSeconds()
                + " s; check Host and Port, and that the server lets this one connect",
            null);
      }
      if (connecting.getException() != null) {
        throw unreachable(connecting.getException());
      }
      se = connecting.getSession();
      if (sftp.password() != null) {
        se.addPasswordIdentity(sftp.password());
      }
      for (KeyPair k : keys) {
        se.addPublicKeyIdentity(k);
      }
      AuthFuture auth = se.auth();
      boolean done = auth.await(AUTH_TIMEOUT);
      if (presented.get() != null && !accepted.accepts(presented.get())) {
        throw hostKeyRefused(accepted, presented.get());
      }
      if (!done) {
        throw ConnectorException.unavailable(
            "The SFTP server "
                + sftp.server()
                + " did not finish the login within "
                + AUTH_TIMEOUT.toSeconds()
                + " s",
            null);
      }
      if (!auth.isSuccess()) {
        throw loginFailed(auth.getException(), se, keys);
      }
      SftpClient channel;
      try {
        channel = SftpClientFactory.instance().createSftpClient(se);
      } catch (IOException e) {
        throw ConnectorException.configuration(
            "The SSH server "
                + sftp.server()
                + " let "
                + sftp.username()
                + " log in but does not offer SFTP to them ("
                + message(e)
                + ")");
      }
      client = c;
      session = se;
      files = channel;
      generation++;
      doneFolderThere = false;
      log.log(
          Level.DEBUG,
          "connected to "
              + sftp.server()
              + " as "
              + sftp.username()
              + ", SFTP v"
              + channel.getVersion());
    } catch (ConnectorException e) {
      close(se, c);
      throw e;
    } catch (IOException | RuntimeException e) {
      close(se, c);
      if (presented.get() != null && !accepted.accepts(presented.get())) {
        throw hostKeyRefused(accepted, presented.get());
      }
      throw unreachable(e);
    }
  }

  private ConnectorException hostKeyRefused(HostKeys accepted, PublicKey key) {
    String fingerprint = HostKeys.fingerprint(key);
    String type = KeyUtils.getKeyType(key);
    if (accepted.isEmpty()) {
      return ConnectorException.configuration(
          "The SFTP server "
              + sftp.server()
              + " shows the host key "
              + fingerprint
              + " ("
              + type
              + "), and no Host key is set, so it is not trusted. Make sure with the server's"
              + " administrator that this is its key (ssh-keygen -lf on the server's public host"
              + " key), then put "
              + fingerprint
              + " in Host key");
    }
    return ConnectorException.configuration(
        "The SFTP server's host key "
            + fingerprint
            + " ("
            + type
            + ") at "
            + sftp.server()
            + " does not match the configured one ("
            + accepted.configured()
            + "): the connection is refused, since another machine may be posing as the server."
            + " If the server's key was changed on purpose, put the new fingerprint in Host key");
  }

  private ConnectorException loginFailed(Throwable t, ClientSession se, List<KeyPair> keys) {
    String m = t == null ? "" : message(t);
    String lower = m.toLowerCase(Locale.ROOT);
    if (lower.contains("negotiat")) {
      return ConnectorException.configuration(
          "The SFTP server "
              + sftp.server()
              + " and the connector have no encryption in common ("
              + m
              + "); the server's SSH settings must allow a current algorithm");
    }
    boolean refused =
        lower.contains("authentication")
            || lower.contains("auth ")
            || lower.contains("too many")
            || se.isOpen();
    if (!refused) {
      return ConnectorException.unavailable(
          "Lost the connection to the SFTP server " + sftp.server() + " while logging in: " + m, t);
    }
    String with =
        sftp.password() != null && !keys.isEmpty()
            ? "the password and the private key"
            : sftp.password() != null ? "the password" : "the private key";
    return ConnectorException.configuration(
        "The SFTP server "
            + sftp.server()
            + " refused the login of user "
            + sftp.username()
            + " with "
            + with
            + "; check Username and "
            + (keys.isEmpty()
                ? "Password"
                : "that the private key's public key is in the user's authorized_keys"));
  }

  private ConnectorException unreachable(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null
        && !(cause instanceof ConnectException)
        && !(cause instanceof UnknownHostException)
        && !(cause instanceof UnresolvedAddressException)) {
      cause = cause.getCause();
    }
    String why;
    if (cause instanceof ConnectException) {
      why = "connection refused: nothing listens on that port, or a firewall refuses it";
    } else if (cause instanceof UnknownHostException
        || cause instanceof UnresolvedAddressException) {
      why = "no such host name";
    } else if (cause instanceof NoRouteToHostException) {
      why = "no route to the host";
    } else if (cause instanceof SocketTimeoutException) {
      why = "timed out";
    } else {
      why = message(t);
    }
    return ConnectorException.unavailable(
        "Could not reach the SFTP server " + sftp.server() + " (" + why + ")", t);
  }

  /** The key pairs of the Private key option; none without one. */
  private List<KeyPair> keys() throws ConnectorException {
    if (sftp.privateKey() == null) {
      return List.of();
    }
    String text = pem(sftp.privateKey());
    List<KeyPair> pairs = new ArrayList<>();
    try (InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))) {
      Iterable<KeyPair> loaded =
          SecurityUtils.loadKeyPairIdentities(
              null,
              NamedResource.ofName("Private key"),
              in,
              sftp.passphrase() == null
                  ? FilePasswordProvider.EMPTY
                  : FilePasswordProvider.of(sftp.passphrase()));
      if (loaded != null) {
        loaded.forEach(pairs::add);
      }
    } catch (Exception e) {
      String m = message(e).toLowerCase(Locale.ROOT);
      if (sftp.passphrase() == null
          && (m.contains("password") || m.contains("passphrase") || m.contains("encrypt"))) {
        throw new ConnectorException(
            ConnectorException.Kind.CONFIGURATION,
            "The private key is encrypted: put its passphrase in Private key passphrase",
            e);
      }
      if (sftp.passphrase() != null) {
        throw new ConnectorException(
            ConnectorException.Kind.CONFIGURATION,
            "The private key could not be read with the given passphrase (a wrong passphrase,"
                + " or a key format that is not supported): "
                + e.getClass().getSimpleName(),
            e);
      }
      throw new ConnectorException(
          ConnectorException.Kind.CONFIGURATION,
          "Private key could not be read ("
              + e.getClass().getSimpleName()
              + "); paste the whole key file, from -----BEGIN to -----END",
          e);
    }
    if (pairs.isEmpty()) {
      throw ConnectorException.configuration(
          "Private key holds no private key; paste the whole key file, from -----BEGIN ... PRIVATE"
              + " KEY----- to -----END ... PRIVATE KEY----- (not the .pub file)");
    }
    return pairs;
  }

  /**
   * The key text as a key file: a key pasted into a one-line field lost its line breaks, which the
   * PEM and OpenSSH formats need, so its body is wrapped again.
   */
  static String pem(String text) {
    Matcher m = PEM.matcher(text.strip());
    if (!m.find()) {
      return text;
    }
    String body = m.group(2);
    if (body.contains(":")) {
      return text; // headers (Proc-Type, DEK-Info) of a legacy encrypted PEM: as it is
    }
    String base64 = body.replaceAll("\\s+", "");
    StringBuilder sb = new StringBuilder();
    sb.append("-----BEGIN ").append(m.group(1)).append("-----\n");
    for (int i = 0; i < base64.length(); i += 64) {
      sb.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
    }
    return sb.append("-----END ").append(m.group(1)).append("-----\n").toString();
  }

  /**
   * Called when an operation failed: unless the server answered with an SFTP status, the connection
   * itself failed, and the next use connects again.
   */
  private void lost(IOException e) {
    if (!(e instanceof SftpException) && !(e.getCause() instanceof SftpException)) {
      disconnect();
    }
  }

  private void disconnect() {
    try {
      if (files != null) {
        files.close();
      }
    } catch (IOException e) {
      // the session is closed below anyway
    }
    close(session, client);
    files = null;
    session = null;
    client = null;
  }

  private static void close(ClientSession se, SshClient c) {
    try {
      if (se != null) {
        se.close(true);
      }
    } finally {
      if (c != null) {
        c.stop();
      }
    }
  }

  @Override
  public void close() {
    disconnect();
  }

  // ---- paths and errors -----------------------------------------------------------------------

  private String path(String name) {
    return child(sftp.folder(), name);
  }

  private static String child(String folder, String name) {
    if (folder.equals(".")) {
      return name;
    }
    return folder.endsWith("/") ? folder + name : folder + "/" + name;
  }

  /**
   * The java.nio exception for an SFTP status, so the polling source treats both kinds of folder
   * alike: gone, permission denied, already there; anything else stays as it is.
   */
  private static IOException translated(IOException e, String path) {
    if (e instanceof SftpException x) {
      switch (x.getStatus()) {
        case SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH -> {
          NoSuchFileException n = new NoSuchFileException(path);
          n.initCause(e);
          return n;
        }
        case SftpConstants.SSH_FX_PERMISSION_DENIED -> {
          AccessDeniedException a = new AccessDeniedException(path);
          a.initCause(e);
          return a;
        }
        case SftpConstants.SSH_FX_FILE_ALREADY_EXISTS -> {
          FileAlreadyExistsException f = new FileAlreadyExistsException(path);
          f.initCause(e);
          return f;
        }
        default -> {
          return e;
        }
      }
    }
    return e;
  }

  private static boolean status(IOException e, int... statuses) {
    if (e instanceof SftpException x) {
      for (int st : statuses) {
        if (x.getStatus() == st) {
          return true;
        }
      }
    }
    return false;
  }

  private static String message(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }

  // ---- listing ---------------------------------------------------------------------------------

  /**
   * Lists the folder. A listing that fails on the connection itself (not with an SFTP status) is
   * tried once more on a new connection: a session the server or the network dropped between two
   * polls is only noticed when it is used.
   */
  @Override
  public List<Entry> list() throws ConnectorException {
    List<Entry> entries;
    try {
      entries = listOnce(files());
    } catch (IOException e) {
      log.log(Level.DEBUG, "listing " + s.where() + " failed, connecting again: " + e);
      disconnect();
      try {
        entries = listOnce(files());
      } catch (IOException again) {
        disconnect();
        throw ConnectorException.unavailable(
            "Lost the connection to the SFTP server "
                + sftp.server()
                + " while listing "
                + sftp.folder()
                + ": "
                + message(again),
            again);
      }
    }
    entries.sort(OLDEST_FIRST);
    watch(entries);
    return entries;
  }

  /** The listing; an SFTP status is a ConnectorException, a failed connection an IOException. */
  private List<Entry> listOnce(SftpClient c) throws IOException, ConnectorException {
    String folder = sftp.folder();
    List<Entry> entries = new ArrayList<>();
    try (SftpClient.CloseableHandle dir = c.openDir(folder)) {
      List<SftpClient.DirEntry> batch;
      while ((batch = c.readDir(dir)) != null) {
        for (SftpClient.DirEntry d : batch) {
          String name = d.getFilename();
          if (!DropFolder.listed(name, s)) {
            continue;
          }
          SftpClient.Attributes a = d.getAttributes();
          if (a.isSymbolicLink()) {
            try {
              a = c.stat(path(name)); // the file the link points to
            } catch (SftpException e) {
              continue; // a dangling link, or gone since the listing
            }
          }
          if (a.isRegularFile()) {
            entries.add(new Entry(name, a.getSize(), modified(a)));
          }
        }
      }
    } catch (SftpException e) {
      throw folderProblem(c, e, folder, "Folder");
    }
    return entries;
  }

  private ConnectorException folderProblem(
      SftpClient c, SftpException e, String folder, String label) {
    String where = sftp.where(folder);
    if (status(e, SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH)) {
      return ConnectorException.configuration(
          label + " " + folder + " does not exist on the SFTP server (" + where + ")");
    }
    if (status(e, SftpConstants.SSH_FX_PERMISSION_DENIED)) {
      return ConnectorException.configuration(
          label
              + " "
              + where
              + " cannot be read by SFTP user "
              + sftp.username()
              + " (permission denied)");
    }
    if (status(e, SftpConstants.SSH_FX_NOT_A_DIRECTORY) || isFile(c, folder)) {
      return ConnectorException.configuration(label + " " + where + " is not a folder");
    }
    return ConnectorException.unavailable("Could not list " + where + ": " + message(e), e);
  }

  private static boolean isFile(SftpClient c, String path) {
    try {
      return !c.stat(path).isDirectory();
    } catch (IOException e) {
      return false;
    }
  }

  private static Instant modified(SftpClient.Attributes a) {
    return a.getModifyTime() == null ? Instant.EPOCH : a.getModifyTime().toInstant();
  }

  /** Notes when each file was first seen as it is now; forgets files no longer there. */
  private void watch(List<Entry> entries) {
    Instant now = clock.instant();
    Map<String, Seen> next = new HashMap<>();
    for (Entry e : entries) {
      Seen before = seen.get(e.name());
      next.put(
          e.name(),
          before != null && before.size() == e.size() && before.modified().equals(e.modified())
              ? before
              : new Seen(e.size(), e.modified(), now));
    }
    seen.clear();
    seen.putAll(next);
  }

  /** Ready once the file's size and time have not changed for minAge, by this reader's clock. */
  @Override
  public boolean ready(Entry e, Instant now) {
    Seen since = seen.get(e.name());
    if (since == null || since.size() != e.size() || !since.modified().equals(e.modified())) {
      return s.minAge().isZero();
    }
    return !since.since().plus(s.minAge()).isAfter(now);
  }

  @Override
  public boolean readyAtFirstSight() {
    return s.minAge().isZero();
  }

  // ---- files -----------------------------------------------------------------------------------

  @Override
  public FileId id(String name) throws IOException, ConnectorException {
    SftpClient c = files();
    String path = path(name);
    SftpClient.Attributes a;
    String sha;
    try {
      a = c.stat(path);
      try (InputStream in = c.read(path)) {
        sha = FileId.headHash(in);
      }
    } catch (IOException e) {
      IOException t = translated(e, path);
      if (t instanceof NoSuchFileException) {
        return null;
      }
      lost(e);
      throw t;
    }
    return new FileId(name, a.getSize(), modified(a), sha);
  }

  @Override
  public Rows open(String name) throws IOException, ConnectorException {
    SftpClient c = files();
    String path = path(name);
    int opened = generation;
    Opener opener =
        () -> {
          try {
            return c.read(path);
          } catch (IOException e) {
            throw translated(e, path);
          }
        };
    try {
      FilesSettings.Format format = DropFolder.format(name, opener, s);
      if (format == null) {
        return DropFolder.xls(name);
      }
      if (format == FilesSettings.Format.CSV) {
        return new Opened(CsvRows.open(name, opener, s), opened, null);
      }
      // A zip is read at random: POI needs it as a file.
      Path copy = Files.createTempFile("millwright-sftp-", ".xlsx");
      try {
        try (InputStream in = opener.open()) {
          Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return new Opened(XlsxRows.open(copy, name, s.sheet()), opened, copy);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(copy);
        throw e;
      }
    } catch (IOException e) {
      lost(e);
      throw e;
    }
  }

  @Override
  public boolean usable(Rows rows) {
    return rows instanceof Opened o
        && o.generation == generation
        && files != null
        && files.isOpen()
        && session != null
        && session.isOpen();
  }

  /** Rows read through one session, and the temporary copy they read from, if any. */
  private static final class Opened implements Rows {
    final Rows rows;
    final int generation;
    final Path copy;

    Opened(Rows rows, int generation, Path copy) {
      this.rows = rows;
      this.generation = generation;
      this.copy = copy;
    }

    @Override
    public SourceRecord next() throws IOException {
      return rows.next();
    }

    @Override
    public void close() throws IOException {
      try {
        rows.close();
      } finally {
        if (copy != null) {
          Files.deleteIfExists(copy);
        }
      }
    }
  }

  // ---- putting away ----------------------------------------------------------------------------

  @Override
  public String moveToDone(String name) throws IOException, ConnectorException {
    SftpClient c = files();
    String from = path(name);
    try {
      c.lstat(from);
    } catch (IOException e) {
      lost(e);
      throw translated(e, from);
    }
    ensureDoneFolder(c);
    for (int n = 1; n < 100_000; n++) {
      String to = child(sftp.doneFolder(), DropFolder.doneName(name, n));
      try {
        if (exists(c, to)) {
          continue; // taken: the next suffix; a file already done is never overwritten
        }
        c.rename(from, to);
        return sftp.where(to);
      } catch (IOException e) {
        if (status(e, SftpConstants.SSH_FX_FILE_ALREADY_EXISTS)
            || (status(e, SftpConstants.SSH_FX_FAILURE) && exists(c, to))) {
          continue; // taken meanwhile
        }
        IOException t = translated(e, from);
        if (t instanceof NoSuchFileException || t instanceof AccessDeniedException) {
          throw t;
        }
        if (status(e, SftpConstants.SSH_FX_FAILURE, SftpConstants.SSH_FX_OP_UNSUPPORTED)) {
          throw new IOException(
              "the SFTP server refused to rename "
                  + from
                  + " to "
                  + to
                  + " ("
                  + message(e)
                  + "); the done folder must be on the same disk of the server as the folder",
              e);
        }
        lost(e);
        throw t;
      }
    }
    throw new IOException("no free name for " + name + " in " + sftp.doneFolder());
  }

  private static boolean exists(SftpClient c, String path) throws IOException {
    try {
      c.lstat(path);
      return true;
    } catch (SftpException e) {
      if (status(e, SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH)) {
        return false;
      }
      throw e;
    }
  }

  /** Creates the done folder, and the folders above it, when they are not there. */
  private void ensureDoneFolder(SftpClient c) throws IOException, ConnectorException {
    if (doneFolderThere) {
      return;
    }
    String done = sftp.doneFolder();
    List<String> missing = new ArrayList<>();
    String at = done;
    while (true) {
      SftpClient.Attributes a;
      try {
        a = c.stat(at);
      } catch (SftpException e) {
        if (!status(e, SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_NO_SUCH_PATH)) {
          throw translated(e, at);
        }
        missing.add(0, at);
        int slash = at.lastIndexOf('/');
        if (slash <= 0) {
          break; // up to the root, or the login folder
        }
        at = at.substring(0, slash);
        continue;
      }
      if (!a.isDirectory()) {
        throw ConnectorException.configuration(
            "Done folder " + sftp.where(at) + " is a file, not a folder");
      }
      break;
    }
    for (String m : missing) {
      try {
        c.mkdir(m);
      } catch (SftpException e) {
        if (!exists(c, m)) {
          throw translated(e, m);
        }
      }
    }
    doneFolderThere = true;
  }

  @Override
  public void checkWritable() throws ConnectorException {
    SftpClient c = files();
    probe(c, sftp.folder(), "Folder", "which must move finished files out of it");
    String done = sftp.doneFolder();
    SftpClient.Attributes a;
    try {
      a = c.stat(done);
    } catch (SftpException e) {
      return; // created at the first move
    } catch (IOException e) {
      lost(e);
      throw ConnectorException.unavailable("Could not look at " + sftp.where(done), e);
    }
    if (!a.isDirectory()) {
      throw ConnectorException.configuration(
          "Done folder " + sftp.where(done) + " is a file, not a folder");
    }
    probe(c, done, "Done folder", "who moves finished files into it");
  }

  /** Writes and removes a hidden file: SFTP has no "may I write here" question. */
  private void probe(SftpClient c, String folder, String label, String why)
      throws ConnectorException {
    String probe = child(folder, ".millwright-check-" + UUID.randomUUID() + ".tmp");
    try {
      try (OutputStream out =
          c.write(
              probe,
              SftpClient.OpenMode.Write,
              SftpClient.OpenMode.Create,
              SftpClient.OpenMode.Exclusive)) {
        out.write('\n');
      }
      c.remove(probe);
    } catch (SftpException e) {
      if (status(e, SftpConstants.SSH_FX_PERMISSION_DENIED)) {
        throw ConnectorException.configuration(
            label
                + " "
                + sftp.where(folder)
                + " is read-only for SFTP user "
                + sftp.username()
                + ", "
                + why);
      }
      throw ConnectorException.unavailable(
          "Could not write a test file in " + sftp.where(folder) + ": " + message(e), e);
    } catch (IOException e) {
      lost(e);
      throw ConnectorException.unavailable(
          "Could not write a test file in " + sftp.where(folder) + ": " + message(e), e);
    }
  }
}
