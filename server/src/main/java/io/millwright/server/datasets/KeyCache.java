package io.millwright.server.datasets;

import io.millwright.server.datasets.pipeline.KeySet;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The primary keys of a dataset's version that this node just committed, kept for the next write to
 * the same dataset: a connection committing batch after batch would otherwise read every key of the
 * dataset back from its (encrypted) files before each commit, so a million-row load read 0, 250k,
 * 500k, then 750k keys. An entry is valid only for the exact version it was made for (any other
 * write, deletion, rollback or compaction, here or on another node, makes a new version, and the
 * next write reads the keys again), and is handed out once: the write that takes it adds to it and
 * gives it back with its own version. Bounded by a total number of keys, least recently used first
 * out.
 */
@ApplicationScoped
public class KeyCache {

  private record Entry(long snapshotId, KeySet keys) {}

  private record Slot(TenantId tenant, UUID dataset) {}

  private final Map<Slot, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long total;

  @Inject
  @ConfigProperty(name = "millwright.datasets.key-cache-max-keys", defaultValue = "2000000")
  long maxKeys;

  /** The keys of exactly this version, taken out of the cache, or empty. */
  public synchronized Optional<KeySet> take(TenantId tenant, UUID dataset, long snapshotId) {
    Entry e = entries.remove(new Slot(tenant, dataset));
    if (e == null) {
      return Optional.empty();
    }
    total -= e.keys().size();
    return e.snapshotId() == snapshotId ? Optional.of(e.keys()) : Optional.empty();
  }

  /** Keeps the keys of a version this node committed (dropped when they alone exceed the bound). */
  public synchronized void put(TenantId tenant, UUID dataset, long snapshotId, KeySet keys) {
    Slot slot = new Slot(tenant, dataset);
    Entry old = entries.remove(slot);
    if (old != null) {
      total -= old.keys().size();
    }
    if (keys.size() > maxKeys) {
      return;
    }
    entries.put(slot, new Entry(snapshotId, keys));
    total += keys.size();
    Iterator<Map.Entry<Slot, Entry>> oldest = entries.entrySet().iterator();
    while (total > maxKeys && oldest.hasNext()) {
      total -= oldest.next().getValue().keys().size();
      oldest.remove();
    }
  }

  /** Forgets a dataset's keys (it was deleted, or its tenant purged). */
  public synchronized void forget(TenantId tenant, UUID dataset) {
    Entry old = entries.remove(new Slot(tenant, dataset));
    if (old != null) {
      total -= old.keys().size();
    }
  }
}
