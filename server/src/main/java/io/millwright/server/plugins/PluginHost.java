package io.millwright.server.plugins;

import io.millwright.plugin.api.connector.Connector;
import io.millwright.plugin.api.connector.ConnectorDescriptor;
import io.millwright.plugin.api.model.ModelType;
import io.millwright.plugin.api.model.ModelTypeDescriptor;
import io.millwright.server.platform.config.PlatformSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Keeps this node's loaded plugins equal to what should be loaded: the archives shipped in the
 * bundled folder, overlaid by the ones platform admins installed (table installed_plugin), minus
 * the installed ones switched off. {@link #sync()} runs at start-up, after every admin change and
 * periodically (other nodes' changes), and loads or unloads the difference without a restart.
 */
@ApplicationScoped
public class PluginHost {

  private static final Logger LOG = Logger.getLogger(PluginHost.class.getName());
  public static final String BUNDLED = "bundled";
  public static final String INSTALLED = "installed";

  @Inject PlatformSettings settings;
  @Inject InstalledPlugins installed;
  @Inject PluginSignatures signatures;
  @Inject Event<PluginUnloading> unloading;
  @Inject Event<PluginLoaded> loadedEvents;

  @Inject
  @ConfigProperty(name = "millwright.plugins.bundled-dir")
  Optional<String> bundledDir;

  @Inject
  @ConfigProperty(name = "millwright.plugins.max-archive-bytes", defaultValue = "67108864")
  long maxArchiveBytes;

  /** A plugin as loaded on this node. */
  private record Loaded(
      PluginManifest manifest,
      String source,
      String sha256,
      String signedBy,
      Path folder,
      Map<String, Connector> connectors,
      Map<String, ModelType> modelTypes) {}

  private HostPluginManager manager;
  private Path runtime;
  private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();
  private final Map<String, PluginStatus> failed = new ConcurrentHashMap<>();
  private final Map<String, PluginArchive> bundled = new LinkedHashMap<>();
  private final List<WeakReference<ClassLoader>> unloadedLoaders = new ArrayList<>();

  /** Loads the bundled and installed plugins; called once at start-up. */
  public synchronized void start() {
    runtime = settings.dataDir().resolve("plugins").resolve("runtime");
    try {
      deleteTree(runtime);
      Files.createDirectories(runtime);
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare plugin folder " + runtime, e);
    }
    manager = new HostPluginManager(runtime);
    bundled.clear();
    bundledDir.map(Path::of).filter(Files::isDirectory).ifPresent(this::readBundled);
    sync();
  }

  private void readBundled(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path zip : files.filter(p -> p.toString().endsWith(".zip")).sorted().toList()) {
        try {
          PluginArchive archive = PluginArchive.check(Files.readAllBytes(zip), limits());
          bundled.put(archive.manifest().id(), archive);
        } catch (IOException | PluginRefusedException e) {
          LOG.log(Level.SEVERE, "Bundled plugin " + zip + " is refused: " + e.getMessage());
          failed.put(
              zip.getFileName().toString(),
              status(zip.getFileName().toString(), BUNDLED, "failed", e.getMessage()));
        }
      }
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "Cannot list bundled plugins in " + folder, e);
    }
  }

  /** Loads what should be loaded and is not, unloads what is loaded and should not be. */
  public synchronized void sync() {
    Map<String, Candidate> wanted = new LinkedHashMap<>();
    bundled.forEach((id, a) -> wanted.put(id, new Candidate(a, BUNDLED, "bundled", null)));
    Set<String> switchedOff = new LinkedHashSet<>();
    List<InstalledPlugins.Row> rows = installed.list(true);
    // An uninstalled plugin leaves no failed or switched-off entry behind.
    failed
        .keySet()
        .removeIf(
            id ->
                !id.endsWith(".zip")
                    && !bundled.containsKey(id)
                    && rows.stream().noneMatch(r -> r.id().equals(id)));
    for (InstalledPlugins.Row row : rows) {
      if (!row.enabled()) {
        wanted.remove(row.id());
        switchedOff.add(row.id());
        continue;
      }
      try {
        PluginArchive archive = PluginArchive.check(row.archive(), limits());
        if (!archive.sha256().equals(row.sha256())) {
          throw new PluginRefusedException("its stored archive does not match its checksum");
        }
        wanted.put(row.id(), new Candidate(archive, INSTALLED, row.signedBy(), row));
      } catch (PluginRefusedException e) {
        failed.put(row.id(), status(row.id(), INSTALLED, "failed", e.getMessage()));
      }
    }
    for (String id : List.copyOf(loaded.keySet())) {
      Candidate want = wanted.get(id);
      if (want == null || !want.archive().sha256().equals(loaded.get(id).sha256())) {
        unload(id);
      }
    }
    for (Candidate c : wanted.values()) {
      String id = c.archive().manifest().id();
      if (!loaded.containsKey(id)) {
        try {
          load(c);
          failed.remove(id);
        } catch (PluginRefusedException e) {
          LOG.warning(() -> "Plugin " + id + " is not loaded: " + e.getMessage());
          failed.put(id, status(id, c.source(), "failed", e.getMessage()));
        }
      }
    }
    switchedOff.forEach(id -> failed.put(id, status(id, INSTALLED, "disabled", null)));
    failed.keySet().removeIf(id -> !switchedOff.contains(id) && loaded.containsKey(id));
  }

  private record Candidate(
      PluginArchive archive, String source, String signedBy, InstalledPlugins.Row row) {}

  /**
   * Checks an archive as an install would, without storing it: signature, structure, API version,
   * and that none of its connector ids is provided by another plugin.
   *
   * @return the id of the key that signed it
   */
  public String verify(PluginArchive archive, String signatureHeader) {
    String signer = signatures.verify(archive.bytes(), signatureHeader);
    String problem = ApiCompatibility.problem(archive.manifest().requires());
    if (problem != null) {
      throw new PluginRefusedException(
          "plugin "
              + archive.manifest().id()
              + " "
              + archive.manifest().version()
              + " is refused: "
              + problem);
    }
    return signer;
  }

  /**
   * Loads an archive in a throwaway plugin manager, starts it and asks its connectors and model
   * types to describe themselves, then unloads it: an install or upgrade is stored only when this
   * passes.
   */
  public synchronized void trial(PluginArchive archive) {
    PluginManifest m = archive.manifest();
    Path folder = runtime.resolve("trial-" + archive.sha256().substring(0, 12));
    HostPluginManager trial = new HostPluginManager(runtime);
    String id = null;
    try {
      deleteTree(folder);
      archive.unpackInto(folder);
      id = trial.loadPlugin(folder);
      if (id == null || trial.startPlugin(id) != PluginState.STARTED) {
        PluginWrapper w = id == null ? null : trial.getPlugin(id);
        Throwable why = w == null ? null : w.getFailedException();
        throw new PluginRefusedException(
            "plugin " + m.id() + " does not start" + (why == null ? "" : ": " + why));
      }
      for (Connector connector : trial.getExtensions(Connector.class, id)) {
        String cid = connector.descriptor().id();
        String owner = ownerOf(cid);
        if (owner != null && !owner.equals(m.id())) {
          throw new PluginRefusedException(
              "plugin "
                  + m.id()
                  + " provides connector '"
                  + cid
                  + "', already provided by "
                  + owner);
        }
      }
      for (ModelType type : trial.getExtensions(ModelType.class, id)) {
        String tid = type.descriptor().id();
        String owner = ownerOfModelType(tid);
        if (owner != null && !owner.equals(m.id())) {
          throw new PluginRefusedException(
              "plugin "
                  + m.id()
                  + " provides model type '"
                  + tid
                  + "', already provided by "
                  + owner);
        }
      }
    } catch (IOException e) {
      throw new PluginRefusedException("cannot unpack plugin " + m.id() + ": " + e.getMessage(), e);
    } catch (PluginRefusedException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      throw new PluginRefusedException("plugin " + m.id() + " fails when loaded: " + e, e);
    } finally {
      if (id != null) {
        try {
          trial.stopPlugin(id);
        } catch (RuntimeException e) {
          LOG.log(Level.FINE, "trial stop", e);
        }
        trial.unloadPlugin(id);
      }
      deleteQuietly(folder);
    }
  }

  public PluginArchive.Limits limits() {
    PluginArchive.Limits d = PluginArchive.Limits.DEFAULT;
    return new PluginArchive.Limits(maxArchiveBytes, d.maxUnpackedBytes(), d.maxEntries());
  }

  private void load(Candidate c) {
    PluginManifest m = c.archive().manifest();
    String problem = ApiCompatibility.problem(m.requires());
    if (problem != null) {
      throw new PluginRefusedException(
          "plugin " + m.id() + " " + m.version() + " is refused: " + problem);
    }
    Path folder = runtime.resolve(m.id() + "-" + c.archive().sha256().substring(0, 12));
    try {
      deleteTree(folder);
      c.archive().unpackInto(folder);
    } catch (IOException e) {
      throw new PluginRefusedException("cannot unpack plugin " + m.id() + ": " + e.getMessage(), e);
    }
    String id;
    try {
      id = manager.loadPlugin(folder);
    } catch (RuntimeException e) {
      deleteQuietly(folder);
      throw new PluginRefusedException(
          "PF4J cannot load plugin " + m.id() + ": " + e.getMessage(), e);
    }
    PluginState state = manager.startPlugin(id);
    if (state != PluginState.STARTED) {
      PluginWrapper w = manager.getPlugin(id);
      Throwable why = w == null ? null : w.getFailedException();
      forget(id, folder);
      throw new PluginRefusedException(
          "plugin " + m.id() + " did not start (" + state + ")" + (why == null ? "" : ": " + why));
    }
    Map<String, Connector> connectors = new LinkedHashMap<>();
    Map<String, ModelType> modelTypes = new LinkedHashMap<>();
    try {
      for (Connector connector : manager.getExtensions(Connector.class, id)) {
        ConnectorDescriptor d = connector.descriptor();
        String owner = ownerOf(d.id());
        if (owner != null && !owner.equals(m.id())) {
          throw new PluginRefusedException(
              "plugin "
                  + m.id()
                  + " provides connector '"
                  + d.id()
                  + "', already provided by "
                  + owner);
        }
        connectors.put(d.id(), connector);
      }
      for (ModelType type : manager.getExtensions(ModelType.class, id)) {
        ModelTypeDescriptor d = type.descriptor();
        String owner = ownerOfModelType(d.id());
        if (owner != null && !owner.equals(m.id())) {
          throw new PluginRefusedException(
              "plugin "
                  + m.id()
                  + " provides model type '"
                  + d.id()
                  + "', already provided by "
                  + owner);
        }
        modelTypes.put(d.id(), type);
      }
    } catch (PluginRefusedException e) {
      forget(id, folder);
      throw e;
    } catch (RuntimeException | LinkageError e) {
      forget(id, folder);
      throw new PluginRefusedException(
          "plugin " + m.id() + " fails while describing its extensions: " + e, e);
    }
    loaded.put(
        m.id(),
        new Loaded(
            m, c.source(), c.archive().sha256(), c.signedBy(), folder, connectors, modelTypes));
    LOG.info(
        () ->
            "Plugin "
                + m.id()
                + " "
                + m.version()
                + " ("
                + c.source()
                + ") loaded with connectors "
                + connectors.keySet()
                + " and model types "
                + modelTypes.keySet());
    loadedEvents.fire(new PluginLoaded(m.id(), Set.copyOf(connectors.keySet())));
  }

  private String ownerOfModelType(String modelTypeId) {
    for (Loaded l : loaded.values()) {
      if (l.modelTypes().containsKey(modelTypeId)) {
        return l.manifest().id();
      }
    }
    return null;
  }

  private String ownerOf(String connectorId) {
    for (Loaded l : loaded.values()) {
      if (l.connectors().containsKey(connectorId)) {
        return l.manifest().id();
      }
    }
    return null;
  }

  private void unload(String pluginId) {
    Loaded l = loaded.remove(pluginId);
    if (l == null) {
      return;
    }
    // Everything that uses the connectors lets go first, or the class loader stays pinned.
    try {
      unloading.fire(new PluginUnloading(pluginId, Set.copyOf(l.connectors().keySet())));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Stopping the users of plugin " + pluginId + " failed", e);
    }
    forget(pluginId, l.folder());
    LOG.info(() -> "Plugin " + pluginId + " " + l.manifest().version() + " unloaded");
  }

  private void forget(String pluginId, Path folder) {
    ClassLoader loader = manager.getPluginClassLoader(pluginId);
    try {
      manager.stopPlugin(pluginId);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Plugin " + pluginId + " failed while stopping", e);
    }
    manager.unloadPlugin(pluginId);
    java.beans.Introspector.flushCaches();
    if (loader != null) {
      synchronized (unloadedLoaders) {
        unloadedLoaders.add(new WeakReference<>(loader));
      }
      List<String> threads = threadsOf(loader);
      if (!threads.isEmpty()) {
        LOG.warning(
            () ->
                "Plugin "
                    + pluginId
                    + " left threads running after it was stopped; its classes stay in memory"
                    + " until they end: "
                    + threads);
      }
    }
    deleteQuietly(folder);
  }

  /** Live threads started by, or running with the class loader of, a plugin. */
  static List<String> threadsOf(ClassLoader loader) {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getContextClassLoader() == loader || t.getClass().getClassLoader() == loader) {
        names.add(t.getName());
      }
    }
    return names;
  }

  /**
   * Class loaders of unloaded plugins still in memory (after a collection was requested): a
   * non-zero count that stays means a leak, shown to admins with the plugin list.
   */
  public int unloadedClassLoadersInMemory() {
    System.gc();
    synchronized (unloadedLoaders) {
      unloadedLoaders.removeIf(r -> r.get() == null);
      return unloadedLoaders.size();
    }
  }

  /** The connector with this id, if a loaded plugin provides it. */
  public Optional<Connector> connector(String connectorId) {
    for (Loaded l : loaded.values()) {
      Connector c = l.connectors().get(connectorId);
      if (c != null) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** Which plugin provides a connector, and whether it ships with Millwright. */
  public record ConnectorSource(String pluginId, String pluginVersion, String source) {}

  public Optional<ConnectorSource> sourceOf(String connectorId) {
    for (Loaded l : loaded.values()) {
      if (l.connectors().containsKey(connectorId)) {
        return Optional.of(
            new ConnectorSource(l.manifest().id(), l.manifest().version(), l.source()));
      }
    }
    return Optional.empty();
  }

  /** The model type with this id, if a loaded plugin provides it. */
  public Optional<ModelType> modelType(String modelTypeId) {
    for (Loaded l : loaded.values()) {
      ModelType t = l.modelTypes().get(modelTypeId);
      if (t != null) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Which plugin provides a model type (recorded with every model it trains). */
  public Optional<ConnectorSource> sourceOfModelType(String modelTypeId) {
    for (Loaded l : loaded.values()) {
      if (l.modelTypes().containsKey(modelTypeId)) {
        return Optional.of(
            new ConnectorSource(l.manifest().id(), l.manifest().version(), l.source()));
      }
    }
    return Optional.empty();
  }

  /** Every loaded model type, by id. */
  public Map<String, ModelType> modelTypes() {
    Map<String, ModelType> all = new LinkedHashMap<>();
    loaded.values().stream()
        .sorted(Comparator.comparing(l -> l.manifest().id()))
        .forEach(l -> all.putAll(l.modelTypes()));
    return all;
  }

  /** Every loaded connector, by id. */
  public Map<String, Connector> connectors() {
    Map<String, Connector> all = new LinkedHashMap<>();
    loaded.values().stream()
        .sorted(Comparator.comparing(l -> l.manifest().id()))
        .forEach(l -> all.putAll(l.connectors()));
    return all;
  }

  public boolean isBundled(String pluginId) {
    return bundled.containsKey(pluginId);
  }

  public boolean isKnown(String pluginId) {
    return loaded.containsKey(pluginId) || failed.containsKey(pluginId);
  }

  /** Loaded, failed and switched-off plugins with their details. */
  public List<PluginStatus> plugins() {
    Map<String, InstalledPlugins.Row> rows = new LinkedHashMap<>();
    installed.list(false).forEach(r -> rows.put(r.id(), r));
    List<PluginStatus> all = new ArrayList<>();
    for (Loaded l : loaded.values()) {
      InstalledPlugins.Row row = INSTALLED.equals(l.source()) ? rows.get(l.manifest().id()) : null;
      all.add(
          new PluginStatus(
              l.manifest().id(),
              l.manifest().version(),
              l.manifest().requires(),
              l.manifest().description(),
              l.manifest().provider(),
              l.source(),
              "loaded",
              null,
              l.sha256(),
              l.signedBy(),
              row == null ? null : row.installedAt(),
              row == null ? null : row.installedBy(),
              List.copyOf(l.connectors().keySet()),
              List.copyOf(l.modelTypes().keySet())));
    }
    for (PluginStatus f : failed.values()) {
      InstalledPlugins.Row row = rows.get(f.id());
      all.add(
          row == null
              ? f
              : new PluginStatus(
                  f.id(),
                  row.version(),
                  row.requires(),
                  f.description(),
                  f.provider(),
                  f.source(),
                  f.state(),
                  f.problem(),
                  row.sha256(),
                  row.signedBy(),
                  row.installedAt(),
                  row.installedBy(),
                  List.of(),
                  List.of()));
    }
    all.sort(Comparator.comparing(PluginStatus::id));
    return all;
  }

  private static PluginStatus status(String id, String source, String state, String problem) {
    return new PluginStatus(
        id, null, null, null, null, source, state, problem, null, null, null, null, List.of(),
        List.of());
  }

  @PreDestroy
  synchronized void stop() {
    if (manager == null) {
      return;
    }
    // One by one from a copy: PF4J's stopPlugins() iterates a list that unloading changes.
    for (String id : List.copyOf(loaded.keySet())) {
      try {
        unload(id);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Plugin " + id + " did not unload cleanly at shutdown", e);
      }
    }
  }

  private static void deleteQuietly(Path folder) {
    try {
      deleteTree(folder);
    } catch (IOException e) {
      LOG.log(Level.FINE, "cannot delete " + folder, e);
    }
  }

  static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
