package io.millwright.server.datasets.pipeline;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Rows to write, one at a time: straight from the reader, or handed over from another thread. */
interface RowFeed extends AutoCloseable {

  /** The next row's values, or null at the end. */
  Object[] next() throws IOException;

  @Override
  default void close() {}

  /**
   * The reader runs on an executor thread and hands rows over in batches through a small bounded
   * queue, so reading/standardizing and Parquet encoding use two cores while memory stays bounded
   * (at most {@code DEPTH} batches in flight). A failure on either side stops the other: the
   * reader's error is rethrown here; closing cancels the reader.
   */
  final class Parallel implements RowFeed {
    static final int BATCH = 1024;
    static final int DEPTH = 8;
    private static final Object[][] END = new Object[0][];

    private final BlockingQueue<Object[][]> queue = new ArrayBlockingQueue<>(DEPTH);
    private final Future<?> reader;
    private Object[][] batch = new Object[0][];
    private int position;
    private boolean ended;

    Parallel(RowFeed source, ExecutorService executor) {
      this.reader =
          executor.submit(
              () -> {
                try {
                  Object[][] filling = new Object[BATCH][];
                  int n = 0;
                  Object[] values;
                  while ((values = source.next()) != null) {
                    filling[n++] = values;
                    if (n == BATCH) {
                      queue.put(filling);
                      filling = new Object[BATCH][];
                      n = 0;
                    }
                  }
                  if (n > 0) {
                    Object[][] last = new Object[n][];
                    System.arraycopy(filling, 0, last, 0, n);
                    queue.put(last);
                  }
                  return null;
                } finally {
                  // Always signal the end, also after a failure, so the writer never waits forever;
                  // when the writer has gone (closed, so this thread is interrupted) nobody waits.
                  try {
                    queue.put(END);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              });
    }

    @Override
    public Object[] next() throws IOException {
      while (position == batch.length) {
        if (ended) {
          return null;
        }
        try {
          batch = queue.take();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while writing", e);
        }
        position = 0;
        if (batch == END) {
          ended = true;
          rethrowReaderFailure();
          return null;
        }
      }
      return batch[position++];
    }

    private void rethrowReaderFailure() throws IOException {
      try {
        reader.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while writing", e);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
          throw io;
        }
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new IOException(cause);
      }
    }

    @Override
    public void close() {
      reader.cancel(true);
      queue.clear();
    }
  }
}
