package io.millwright.model.support;

import io.millwright.plugin.api.model.ModelException;

/**
 * Encoded rows that can be read any number of times, always in the same order: one pass per epoch
 * (the trainer keeps them in memory instead when they all fit in its shuffle buffer).
 */
@FunctionalInterface
public interface ExampleSource {

  /** Hands every chunk of examples to the sink, in order. */
  void forEach(Sink sink) throws ModelException;

  /** Takes one chunk. */
  @FunctionalInterface
  interface Sink {
    void accept(Examples examples) throws ModelException;
  }

  /** No rows at all (e.g. no validation split). */
  static ExampleSource empty() {
    return sink -> {};
  }
}
