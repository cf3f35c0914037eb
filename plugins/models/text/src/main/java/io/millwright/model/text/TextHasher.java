package io.millwright.model.text;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns free text into a fixed number of features, the same way in training and after loading (its
 * settings are saved in the model's {@code text.json}):
 *
 * <ol>
 *   <li>the first {@value #MAX_CHARS} characters, Unicode-normalized (NFKC: full-width letters,
 *       ligatures and compatibility forms become plain ones), lowercased ({@link Locale#ROOT});
 *   <li>split into tokens on everything that is not a letter, a digit or a combining mark (marks
 *       stay inside words, so scripts that write vowels as marks keep their words whole); at most
 *       {@value #MAX_TOKENS} tokens per value;
 *   <li>features by {@link Ngrams}: each word ({@code w:refund}), each pair of neighbouring words
 *       ({@code b:late delivery}), each 3-gram of code points of a word padded with {@code <} and
 *       {@code >} ({@code c:<re}, {@code c:ref}, ... {@code c:nd>}), which lets misspellings share
 *       most of their features with the right spelling;
 *   <li>each feature's UTF-8 bytes hashed with MurmurHash3 (x86, 32 bit, seed {@link #seed()}): the
 *       low 31 bits modulo {@link #buckets()} give the bucket, the top bit the sign (+1 or -1) when
 *       {@link #signed()} (the "hashing trick" with signs, so that colliding features tend to
 *       cancel rather than add up);
 *   <li>per bucket the signed count {@code s} becomes {@code sign(s)·log(1 + |s|)} and the vector
 *       is scaled to length 1 (L2), so long and short texts weigh the same.
 * </ol>
 *
 * <p>Stable across JVMs, platforms and versions of Java (no {@code String.hashCode}, no identity
 * hashes, no default locale or charset). Immutable and thread-safe.
 */
final class TextHasher {

  /** Characters of a value that are read; the rest is ignored. */
  static final int MAX_CHARS = 100_000;

  /** Tokens of a value that are used; the rest is ignored. */
  static final int MAX_TOKENS = 10_000;

  /** The length of character n-grams, in code points (boundary markers included). */
  static final int CHAR_GRAM = 3;

  /** The hash seed of models this version trains (saved with each model). */
  static final int DEFAULT_SEED = 0x6d77_7478;

  /** Which features a text gives. */
  enum Ngrams {
    WORDS("words", false, false),
    WORDS_BIGRAMS("words+bigrams", true, false),
    WORDS_BIGRAMS_CHARS("words+bigrams+chars", true, true);

    final String id;
    final boolean bigrams;
    final boolean chars;

    Ngrams(String id, boolean bigrams, boolean chars) {
      this.id = id;
      this.bigrams = bigrams;
      this.chars = chars;
    }

    static List<String> ids() {
      return Arrays.stream(values()).map(n -> n.id).toList();
    }

    static Ngrams of(String id) {
      for (Ngrams n : values()) {
        if (n.id.equals(id)) {
          return n;
        }
      }
      throw new IllegalArgumentException("n-grams '" + id + "' is not one of " + ids());
    }
  }

  /** A sparse vector: distinct indexes in increasing order and their values. */
  record Sparse(int[] index, float[] value) {
    static final Sparse EMPTY = new Sparse(new int[0], new float[0]);

    int size() {
      return index.length;
    }
  }

  private final int buckets;
  private final Ngrams ngrams;
  private final boolean signed;
  private final int seed;

  TextHasher(int buckets, Ngrams ngrams, boolean signed, int seed) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets " + buckets);
    }
    this.buckets = buckets;
    this.ngrams = ngrams;
    this.signed = signed;
    this.seed = seed;
  }

  int buckets() {
    return buckets;
  }

  Ngrams ngrams() {
    return ngrams;
  }

  boolean signed() {
    return signed;
  }

  int seed() {
    return seed;
  }

  /** The normalized tokens of a text; none for null. */
  static List<String> tokens(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
    String s = Normalizer.normalize(cut, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    for (int i = 0; i < s.length() && out.size() < MAX_TOKENS; ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (wordCharacter(cp)) {
        token.appendCodePoint(cp);
      } else if (token.length() > 0) {
        out.add(token.toString());
        token.setLength(0);
      }
    }
    if (token.length() > 0 && out.size() < MAX_TOKENS) {
      out.add(token.toString());
    }
    return out;
  }

  private static boolean wordCharacter(int cp) {
    if (Character.isLetterOrDigit(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /** The feature keys of a text, before hashing (in order, with repeats); for tests and logs. */
  List<String> keys(String text) {
    List<String> out = new ArrayList<>();
    List<String> tokens = tokens(text);
    for (String t : tokens) {
      out.add("w:" + t);
    }
    if (ngrams.bigrams) {
      for (int i = 1; i < tokens.size(); i++) {
        out.add("b:" + tokens.get(i - 1) + " " + tokens.get(i));
      }
    }
    if (ngrams.chars) {
      for (String t : tokens) {
        int[] cps = ("<" + t + ">").codePoints().toArray();
        for (int i = 0; i + CHAR_GRAM <= cps.length; i++) {
          out.add("c:" + new String(cps, i, CHAR_GRAM));
        }
      }
    }
    return out;
  }

  /**
   * The hashed features of one row's texts (null ones give nothing), as codes {@code bucket << 1 |
   * negative}, appended to {@code codes}.
   */
  void codes(String text, Codes codes) {
    for (String key : keys(text)) {
      codes.add(code(key));
    }
  }

  /** A feature key's code: its bucket shifted left by one, the low bit set when negative. */
  int code(String key) {
    int h = murmur3(key.getBytes(StandardCharsets.UTF_8), seed);
    int bucket = (h & 0x7fffffff) % buckets;
    return bucket << 1 | (signed && h < 0 ? 1 : 0);
  }

  /** The feature vector of one row's texts: log-scaled signed counts, L2-normalized. */
  Sparse vector(String... texts) {
    Codes codes = new Codes();
    for (String t : texts) {
      codes(t, codes);
    }
    return vector(codes);
  }

  /** The feature vector of hashed codes (see {@link #codes}); sorts them in place. */
  static Sparse vector(Codes codes) {
    int n = codes.size;
    if (n == 0) {
      return Sparse.EMPTY;
    }
    int[] c = codes.values;
    Arrays.sort(c, 0, n);
    int[] index = new int[n];
    float[] value = new float[n];
    double[] raw = new double[n];
    int k = 0;
    double norm = 0;
    for (int i = 0; i < n; ) {
      int bucket = c[i] >>> 1;
      int sum = 0;
      while (i < n && (c[i] >>> 1) == bucket) {
        sum += (c[i] & 1) == 1 ? -1 : 1;
        i++;
      }
      if (sum != 0) {
        double v = Math.signum(sum) * Math.log1p(Math.abs(sum));
        index[k] = bucket;
        raw[k] = v;
        norm += v * v;
        k++;
      }
    }
    if (k == 0) {
      return Sparse.EMPTY;
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < k; i++) {
      value[i] = (float) (raw[i] / norm);
    }
    return new Sparse(Arrays.copyOf(index, k), Arrays.copyOf(value, k));
  }

  /** A growing list of ints, reused per row. */
  static final class Codes {
    int[] values = new int[64];
    int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    void clear() {
      size = 0;
    }
  }

  /**
   * MurmurHash3, x86 32-bit variant (Austin Appleby's public-domain reference, {@code
   * MurmurHash3_x86_32}), of bytes with a seed.
   */
  static int murmur3(byte[] data, int seed) {
    final int c1 = 0xcc9e2d51;
    final int c2 = 0x1b873593;
    int h1 = seed;
    int length = data.length;
    int blocks = length & ~3;
    for (int i = 0; i < blocks; i += 4) {
      int k1 =
          (data[i] & 0xff)
              | (data[i + 1] & 0xff) << 8
              | (data[i + 2] & 0xff) << 16
              | (data[i + 3] & 0xff) << 24;
      k1 *= c1;
      k1 = Integer.rotateLeft(k1, 15);
      k1 *= c2;
      h1 ^= k1;
      h1 = Integer.rotateLeft(h1, 13);
      h1 = h1 * 5 + 0xe6546b64;
    }
    int tail = length & 3;
    if (tail > 0) {
      int k1 = 0;
      if (tail == 3) {
        k1 ^= (data[blocks + 2] & 0xff) << 16;
      }
      if (tail >= 2) {
        k1 ^= (data[blocks + 1] & 0xff) << 8;
      }
      k1 ^= data[blocks] & 0xff;
      k1 *= c1;
      k1 = Integer.rotateLeft(k1, 15);
      k1 *= c2;
      h1 ^= k1;
    }
    h1 ^= length;
    h1 ^= h1 >>> 16;
    h1 *= 0x85ebca6b;
    h1 ^= h1 >>> 13;
    h1 *= 0xc2b2ae35;
    h1 ^= h1 >>> 16;
    return h1;
  }
}
