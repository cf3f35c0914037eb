package io.millwright.connector.jdbc;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One row's values as a map, over the result's column names (shared by all its rows) and the row's
 * values: what a record is built from. {@code SourceRecord} copies its values into a map of its
 * own, so handing it this view instead of a {@code LinkedHashMap} saves building a second map per
 * row; iteration is in column order.
 */
final class RowValues extends AbstractMap<String, Object> {

  private final String[] names;
  private final Object[] values;

  RowValues(String[] names, Object[] values) {
    this.names = names;
    this.values = values;
  }

  @Override
  public int size() {
    return names.length;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return names.length;
      }

      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < names.length;
          }

          @Override
          public Entry<String, Object> next() {
            if (next >= names.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new SimpleImmutableEntry<>(names[i], values[i]);
          }
        };
      }
    };
  }
}
