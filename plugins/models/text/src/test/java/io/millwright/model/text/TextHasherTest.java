package io.millwright.model.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.millwright.model.text.TextHasher.Ngrams;
import io.millwright.model.text.TextHasher.Sparse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The text preprocessing a saved model depends on: any change here changes what every stored model
 * sees, so the exact values are pinned.
 */
class TextHasherTest {

  static final TextHasher ALL =
      new TextHasher(16384, Ngrams.WORDS_BIGRAMS_CHARS, true, TextHasher.DEFAULT_SEED);

  static int murmur(String s, int seed) {
    return TextHasher.murmur3(s.getBytes(StandardCharsets.UTF_8), seed);
  }

  @Test
  void murmur3IsTheReferenceX86Variant() {
    // Published test vectors of MurmurHash3_x86_32 (SMHasher), every tail length.
    assertThat(murmur("", 0)).isEqualTo(0);
    assertThat(murmur("", 1)).isEqualTo(0x514e28b7);
    assertThat(murmur("abc", 0)).isEqualTo(0xb3dd93fa);
    assertThat(murmur("aaaa", 0x9747b28c)).isEqualTo(0x5a97808a);
    assertThat(murmur("hello", 0)).isEqualTo(0x248bfa47);
    assertThat(murmur("Hello, world!", 0x9747b28c)).isEqualTo(0x24884cba);
    assertThat(murmur("The quick brown fox jumps over the lazy dog", 0x9747b28c))
        .isEqualTo(0x2fa826cd);
  }

  @Test
  void knownFeaturesLandInTheSameBucketsWithTheSameSignsOnEveryJvm() {
    // bucket << 1 | negative, with the seed and 16384 buckets of models this version trains
    assertThat(ALL.code("w:refund")).isEqualTo(11373 << 1);
    assertThat(ALL.code("w:invoice")).isEqualTo(9649 << 1 | 1);
    assertThat(ALL.code("b:late delivery")).isEqualTo(15895 << 1);
    assertThat(ALL.code("c:<re")).isEqualTo(4292 << 1 | 1);
    assertThat(ALL.code("w:straße")).isEqualTo(994 << 1 | 1);
    TextHasher unsigned = new TextHasher(16384, Ngrams.WORDS, false, TextHasher.DEFAULT_SEED);
    assertThat(unsigned.code("w:invoice")).isEqualTo(9649 << 1);
    TextHasher fewer = new TextHasher(1024, Ngrams.WORDS, true, TextHasher.DEFAULT_SEED);
    assertThat(fewer.code("w:refund") >>> 1).isEqualTo(11373 % 1024);
  }

  @Test
  void textIsNormalizedLowercasedAndSplitOnWhatIsNotALetterOrADigit() {
    assertThat(TextHasher.tokens("Hello, WORLD!! It's order #4411 -- late..."))
        .containsExactly("hello", "world", "it", "s", "order", "4411", "late");
    // NFKC: full-width letters, ligatures, circled digits and superscripts become plain ones.
    assertThat(TextHasher.tokens("ＲＥＦＵＮＤ the ﬁle ① x²"))
        .containsExactly("refund", "the", "file", "1", "x2");
    // A decomposed é (e + combining acute) is the same word as the composed one.
    assertThat(TextHasher.tokens("Cafe\u0301 CAFÉ café")).containsExactly("café", "café", "café");
    assertThat(TextHasher.tokens("Straße ÜBER Ünïcödé"))
        .containsExactly("straße", "über", "ünïcödé");
    // Greek, Cyrillic, CJK; Devanagari vowel signs are combining marks and stay in their word.
    assertThat(TextHasher.tokens("ΣΟΦΊΑ Доставка 配送が遅い"))
        .containsExactly("σοφία", "доставка", "配送が遅い");
    assertThat(TextHasher.tokens("नमस्ते दुनिया")).containsExactly("नमस्ते", "दुनिया");
    assertThat(TextHasher.tokens(null)).isEmpty();
    assertThat(TextHasher.tokens("")).isEmpty();
    assertThat(TextHasher.tokens(" ?!-- ... ")).isEmpty();
  }

  @Test
  void wordsBigramsAndCharacterTrigramsByChoice() {
    assertThat(ALL.keys("Late delivery!"))
        .containsExactly(
            "w:late",
            "w:delivery",
            "b:late delivery",
            "c:<la",
            "c:lat",
            "c:ate",
            "c:te>",
            "c:<de",
            "c:del",
            "c:eli",
            "c:liv",
            "c:ive",
            "c:ver",
            "c:ery",
            "c:ry>");
    TextHasher words = new TextHasher(16384, Ngrams.WORDS, true, TextHasher.DEFAULT_SEED);
    assertThat(words.keys("Late delivery!")).containsExactly("w:late", "w:delivery");
    TextHasher bigrams = new TextHasher(16384, Ngrams.WORDS_BIGRAMS, true, TextHasher.DEFAULT_SEED);
    assertThat(bigrams.keys("a b c")).containsExactly("w:a", "w:b", "w:c", "b:a b", "b:b c");
    // A one-letter word still has one padded trigram; code points, not UTF-16 units.
    assertThat(ALL.keys("x")).containsExactly("w:x", "c:<x>");
    assertThat(ALL.keys("𝔸b")).contains("c:<ab", "c:ab>"); // NFKC makes 𝔸 an a
    assertThat(ALL.keys("配送")).containsExactly("w:配送", "c:<配送", "c:配送>");
    assertThat(Ngrams.ids()).containsExactly("words", "words+bigrams", "words+bigrams+chars");
    assertThat(Ngrams.of("words+bigrams")).isEqualTo(Ngrams.WORDS_BIGRAMS);
  }

  @Test
  void countsAreLogScaledAndEachRowHasLengthOne() {
    TextHasher words = new TextHasher(16384, Ngrams.WORDS, false, TextHasher.DEFAULT_SEED);
    Sparse once = words.vector("refund");
    assertThat(once.index()).containsExactly(11373);
    assertThat(once.value()).containsExactly(1f);
    Sparse twice = words.vector("refund please refund");
    float refund = twice.value()[indexOf(twice, 11373)];
    float please = twice.value()[1 - indexOf(twice, 11373)];
    assertThat((double) refund / please).isCloseTo(Math.log1p(2) / Math.log1p(1), within(1e-6));
    assertThat(norm(twice)).isCloseTo(1.0, within(1e-6));

    Sparse row = ALL.vector("I was charged twice, please refund", "Invoice 2093");
    assertThat(norm(row)).isCloseTo(1.0, within(1e-6));
    for (int i = 1; i < row.size(); i++) {
      assertThat(row.index()[i]).as("distinct, increasing").isGreaterThan(row.index()[i - 1]);
    }
    assertThat(row.index()).contains(9649); // "invoice" from the second text of the row
    assertThat(ALL.vector("I was charged twice, please refund", "Invoice 2093"))
        .usingRecursiveComparison()
        .isEqualTo(row);
  }

  @Test
  void nothingToReadGivesAnEmptyVector() {
    assertThat(ALL.vector((String) null).size()).isZero();
    assertThat(ALL.vector("", " ... !!").size()).isZero();
  }

  @Test
  void signsLetCollidingFeaturesCancel() {
    // With two buckets, "refund" (positive) and a negative feature in its bucket cancel out.
    TextHasher two = new TextHasher(2, Ngrams.WORDS, true, TextHasher.DEFAULT_SEED);
    int refund = two.code("w:refund");
    String opposite = null;
    for (int i = 0; opposite == null; i++) {
      if (two.code("w:w" + i) == (refund ^ 1)) {
        opposite = "w" + i;
      }
    }
    assertThat(two.vector("refund " + opposite).size()).isZero();
    assertThat(two.vector("refund refund " + opposite).value()).containsExactly(1f);
  }

  private static int indexOf(Sparse s, int bucket) {
    for (int i = 0; i < s.size(); i++) {
      if (s.index()[i] == bucket) {
        return i;
      }
    }
    throw new AssertionError("no bucket " + bucket);
  }

  private static double norm(Sparse s) {
    double sum = 0;
    for (float v : s.value()) {
      sum += (double) v * v;
    }
    return Math.sqrt(sum);
  }
}
