package io.millwright.server.datasets.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeySetTest {

  @Test
  void aKeyIsAddedOnceAndFoundAgainAcrossGrowth() {
    KeySet keys = new KeySet();
    for (int i = 0; i < 100_000; i++) {
      assertThat(keys.add("S-" + (i % 500) + "\u001f2024-03-01T" + i + "\u001f")).isTrue();
    }
    assertThat(keys.size()).isEqualTo(100_000);
    for (int i = 0; i < 100_000; i += 997) {
      assertThat(keys.add("S-" + (i % 500) + "\u001f2024-03-01T" + i + "\u001f")).isFalse();
      assertThat(keys.contains("S-" + (i % 500) + "\u001f2024-03-01T" + i + "\u001f")).isTrue();
    }
    assertThat(keys.contains("S-1\u001fnever\u001f")).isFalse();
    assertThat(keys.size()).isEqualTo(100_000);
  }

  @Test
  void keysThatDifferInOneCharacterLengthOrOrderAreDifferent() {
    KeySet keys = new KeySet();
    Set<String> texts =
        Set.of(
            "",
            "a",
            "b",
            "ab",
            "ba",
            "a\u001f",
            "\u001fa",
            "abcdefgh",
            "abcdefgi",
            "abcdefghi",
            "12345678",
            "1234567",
            "é",
            "e\u0301",
            "\u0000",
            "\u0000\u0000");
    for (String t : texts) {
      assertThat(keys.add(t)).as(t).isTrue();
    }
    assertThat(keys.size()).isEqualTo(texts.size());
  }

  @Test
  void aStringBuilderAndItsStringAreTheSameKey() {
    KeySet keys = new KeySet();
    StringBuilder b = new StringBuilder("S-7\u001f2024-03-01T10:00:00Z\u001f");
    assertThat(keys.add(b)).isTrue();
    assertThat(keys.add(b.toString())).isFalse();
  }

  @Test
  void aMillionRandomKeysHaveNoFalseDuplicate() {
    KeySet keys = new KeySet(1_000_000);
    Random random = new Random(42);
    Set<String> seen = new HashSet<>();
    int added = 0;
    for (int i = 0; i < 1_000_000; i++) {
      String k = Long.toString(random.nextLong(), 36) + "\u001f" + random.nextInt(1000);
      boolean fresh = seen.add(k);
      assertThat(keys.add(k)).isEqualTo(fresh);
      added += fresh ? 1 : 0;
    }
    assertThat(keys.size()).isEqualTo(added);
  }
}
