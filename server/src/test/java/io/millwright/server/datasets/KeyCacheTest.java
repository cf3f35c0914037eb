package io.millwright.server.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.tenancy.TenantId;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyCacheTest {

  final KeyCache cache = new KeyCache();
  final TenantId tenant = TenantId.random();
  final UUID dataset = UUID.randomUUID();

  KeyCacheTest() {
    cache.maxKeys = 5;
  }

  static HashSet<String> keys(String... k) {
    return new HashSet<>(Set.of(k));
  }

  @Test
  void theKeysServeOnlyTheVersionTheyWereMadeForAndOnlyOnce() {
    cache.put(tenant, dataset, 7, keys("a", "b"));
    assertThat(cache.take(tenant, dataset, 8)).as("another version: read again").isEmpty();
    assertThat(cache.take(tenant, dataset, 7)).as("dropped by the miss above").isEmpty();

    cache.put(tenant, dataset, 9, keys("a", "b", "c"));
    assertThat(cache.take(tenant, dataset, 9)).contains(keys("a", "b", "c"));
    assertThat(cache.take(tenant, dataset, 9)).as("handed out once").isEmpty();
  }

  @Test
  void anotherTenantsDatasetNeverGetsThem() {
    cache.put(tenant, dataset, 7, keys("a"));
    assertThat(cache.take(TenantId.random(), dataset, 7)).isEmpty();
    assertThat(cache.take(tenant, dataset, 7)).contains(keys("a"));
  }

  @Test
  void theBoundEvictsTheLeastRecentlyUsedAndRefusesASetLargerThanItself() {
    UUID other = UUID.randomUUID();
    cache.put(tenant, dataset, 1, keys("a", "b", "c"));
    cache.put(tenant, other, 1, keys("d", "e", "f"));
    assertThat(cache.take(tenant, dataset, 1)).as("evicted for the newer one").isEmpty();
    assertThat(cache.take(tenant, other, 1)).contains(keys("d", "e", "f"));
    cache.put(tenant, dataset, 2, keys("1", "2", "3", "4", "5", "6"));
    assertThat(cache.take(tenant, dataset, 2)).isEmpty();
  }
}
