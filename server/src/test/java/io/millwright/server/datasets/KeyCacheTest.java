package io.millwright.server.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.server.datasets.pipeline.KeySet;
import io.millwright.tenancy.TenantId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyCacheTest {

  final KeyCache cache = new KeyCache();
  final TenantId tenant = TenantId.random();
  final UUID dataset = UUID.randomUUID();

  KeyCacheTest() {
    cache.maxKeys = 5;
  }

  static KeySet keys(String... k) {
    KeySet set = new KeySet();
    for (String key : k) {
      set.add(key);
    }
    return set;
  }

  @Test
  void theKeysServeOnlyTheVersionTheyWereMadeForAndOnlyOnce() {
    cache.put(tenant, dataset, 7, keys("a", "b"));
    assertThat(cache.take(tenant, dataset, 8)).as("another version: read again").isEmpty();
    assertThat(cache.take(tenant, dataset, 7)).as("dropped by the miss above").isEmpty();

    KeySet three = keys("a", "b", "c");
    cache.put(tenant, dataset, 9, three);
    assertThat(cache.take(tenant, dataset, 9)).containsSame(three);
    assertThat(three.contains("c")).isTrue();
    assertThat(cache.take(tenant, dataset, 9)).as("handed out once").isEmpty();
  }

  @Test
  void anotherTenantsDatasetNeverGetsThem() {
    KeySet one = keys("a");
    cache.put(tenant, dataset, 7, one);
    assertThat(cache.take(TenantId.random(), dataset, 7)).isEmpty();
    assertThat(cache.take(tenant, dataset, 7)).containsSame(one);
  }

  @Test
  void theBoundEvictsTheLeastRecentlyUsedAndRefusesASetLargerThanItself() {
    UUID other = UUID.randomUUID();
    cache.put(tenant, dataset, 1, keys("a", "b", "c"));
    KeySet newer = keys("d", "e", "f");
    cache.put(tenant, other, 1, newer);
    assertThat(cache.take(tenant, dataset, 1)).as("evicted for the newer one").isEmpty();
    assertThat(cache.take(tenant, other, 1)).containsSame(newer);
    cache.put(tenant, dataset, 2, keys("1", "2", "3", "4", "5", "6"));
    assertThat(cache.take(tenant, dataset, 2)).isEmpty();
  }
}
