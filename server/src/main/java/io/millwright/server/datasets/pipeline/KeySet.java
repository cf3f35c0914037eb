package io.millwright.server.datasets.pipeline;

/**
 * The primary keys a dataset holds, for deduplication, as 128-bit fingerprints in one open-address
 * table in a {@code long} array.
 *
 * <p>Why not a {@code HashSet<String>}: a million keys were a million strings and hash nodes (about
 * 100 MB the garbage collector traces and copies), and adding them was a third of the reading
 * thread's time in a keyed upload, which made a keyed upload half as fast as an unkeyed one. Here a
 * key costs 32 bytes (at most half the slots are used) and no object.
 *
 * <p>A fingerprint is MurmurHash3 (x64, 128-bit) over the key's UTF-16 units. Two different keys
 * share one with a chance of about n² / 2¹²⁹: for a billion keys, 10⁻²¹. That is the one way a row
 * could be taken for a duplicate it is not; it is far below the chance of a memory error, and the
 * function is not meant to resist a person crafting collisions (who could only drop rows of their
 * own tenant).
 *
 * <p>Not thread-safe: one write uses it at a time (the cache hands it from write to write).
 */
public final class KeySet {

  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;
  private static final int MIN_CAPACITY = 1 << 10;

  // Slot i is slots[2i] (high half) and slots[2i + 1] (low half): one cache line per probe.
  private long[] slots;
  private int size;
  private final long[] scratch = new long[2];

  /**
   * @param expected how many keys it will probably hold (it grows beyond)
   */
  public KeySet(long expected) {
    int capacity = MIN_CAPACITY;
    while (capacity < expected * 2 && capacity < (1 << 30)) {
      capacity <<= 1;
    }
    slots = new long[capacity * 2];
  }

  public KeySet() {
    this(0);
  }

  public int size() {
    return size;
  }

  /**
   * Adds a key.
   *
   * @return false when the key (its fingerprint) was there already
   */
  public boolean add(CharSequence key) {
    fingerprint(key, scratch);
    return add(scratch[0], scratch[1]);
  }

  public boolean contains(CharSequence key) {
    fingerprint(key, scratch);
    long h = scratch[0];
    long l = scratch[1] == 0 && h == 0 ? 1 : scratch[1];
    int mask = slots.length / 2 - 1;
    for (int i = slot(h, l, mask); ; i = (i + 1) & mask) {
      long sh = slots[2 * i];
      long sl = slots[2 * i + 1];
      if (sh == 0 && sl == 0) {
        return false;
      }
      if (sh == h && sl == l) {
        return true;
      }
    }
  }

  private boolean add(long h, long l) {
    if (h == 0 && l == 0) {
      l = 1; // (0, 0) marks an empty slot
    }
    int mask = slots.length / 2 - 1;
    int i = slot(h, l, mask);
    while (slots[2 * i] != 0 || slots[2 * i + 1] != 0) {
      if (slots[2 * i] == h && slots[2 * i + 1] == l) {
        return false;
      }
      i = (i + 1) & mask;
    }
    slots[2 * i] = h;
    slots[2 * i + 1] = l;
    if (++size * 4 > slots.length) {
      grow();
    }
    return true;
  }

  private static int slot(long h, long l, int mask) {
    return (int) (h ^ (l >>> 32)) & mask;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length / 2 - 1;
    for (int j = 0; j < old.length; j += 2) {
      long h = old[j];
      long l = old[j + 1];
      if (h == 0 && l == 0) {
        continue;
      }
      int i = slot(h, l, mask);
      while (slots[2 * i] != 0 || slots[2 * i + 1] != 0) {
        i = (i + 1) & mask;
      }
      slots[2 * i] = h;
      slots[2 * i + 1] = l;
    }
  }

  /** MurmurHash3 x64 128 over UTF-16 units, four to a 64-bit word, eight to a block. */
  static void fingerprint(CharSequence s, long[] out) {
    int n = s.length();
    long h1 = 0x9747b28cL;
    long h2 = 0x9747b28cL;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      long k1 = word(s, i);
      long k2 = word(s, i + 4);
      k1 *= C1;
      k1 = Long.rotateLeft(k1, 31);
      k1 *= C2;
      h1 ^= k1;
      h1 = Long.rotateLeft(h1, 27);
      h1 += h2;
      h1 = h1 * 5 + 0x52dce729;
      k2 *= C2;
      k2 = Long.rotateLeft(k2, 33);
      k2 *= C1;
      h2 ^= k2;
      h2 = Long.rotateLeft(h2, 31);
      h2 += h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    long k1 = 0;
    long k2 = 0;
    int rest = n - i;
    for (int j = rest - 1; j >= 4; j--) {
      k2 = (k2 << 16) | s.charAt(i + j);
    }
    for (int j = Math.min(rest, 4) - 1; j >= 0; j--) {
      k1 = (k1 << 16) | s.charAt(i + j);
    }
    if (rest > 4) {
      k2 *= C2;
      k2 = Long.rotateLeft(k2, 33);
      k2 *= C1;
      h2 ^= k2;
    }
    if (rest > 0) {
      k1 *= C1;
      k1 = Long.rotateLeft(k1, 31);
      k1 *= C2;
      h1 ^= k1;
    }
    // The length in bytes, as the byte-wise algorithm would see it.
    h1 ^= 2L * n;
    h2 ^= 2L * n;
    h1 += h2;
    h2 += h1;
    h1 = mix(h1);
    h2 = mix(h2);
    h1 += h2;
    h2 += h1;
    out[0] = h1;
    out[1] = h2;
  }

  private static long word(CharSequence s, int at) {
    return s.charAt(at)
        | ((long) s.charAt(at + 1) << 16)
        | ((long) s.charAt(at + 2) << 32)
        | ((long) s.charAt(at + 3) << 48);
  }

  private static long mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
