package io.millwright.server.datasets.pipeline;

import io.millwright.server.datasets.Column;
import io.millwright.server.glossary.GlossaryTerm;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declarative rules of a contract, checked on every standardized row: not null, range, pattern,
 * allowed values (the column's own, and the glossary term's as the data contract), and a complete
 * primary key.
 */
final class RowChecks {

  /** The first rule a row broke, and every problem it has. */
  record Failure(String rule, String reason) {}

  private final List<Column> columns;
  private final List<Set<String>> allowed = new ArrayList<>();
  private final List<Boolean> allowedFromContract = new ArrayList<>();
  private final Set<String> keyColumns;

  RowChecks(List<Column> columns, Map<String, GlossaryTerm> terms, List<String> primaryKey) {
    this.columns = columns;
    this.keyColumns = Set.copyOf(primaryKey);
    for (Column c : columns) {
      GlossaryTerm term = c.term() == null ? null : terms.get(c.term());
      Set<String> values = new HashSet<>(c.allowedValues());
      boolean contract = false;
      if (term != null && !term.allowedValues().isEmpty()) {
        // Both apply: the column may narrow the glossary's list, never widen it.
        values =
            values.isEmpty()
                ? new HashSet<>(term.allowedValues())
                : intersect(values, term.allowedValues());
        contract = true;
      }
      allowed.add(values);
      allowedFromContract.add(contract);
    }
  }

  /**
   * @return null when the row passes every rule
   */
  Failure check(Object[] values) {
    String firstRule = null;
    List<String> problems = null; // most rows pass: no list for them
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      Object v = values[i];
      String rule = null;
      String problem = null;
      if (v == null) {
        if (keyColumns.contains(c.name())) {
          rule = "key";
          problem = c.name() + " is part of the key and is empty";
        } else if (c.required()) {
          rule = "not-null";
          problem = c.name() + " is required and is empty";
        }
      } else {
        if (v instanceof Number n) {
          double d = n.doubleValue();
          if (c.min() != null && d < c.min()) {
            rule = "range";
            problem = c.name() + " is " + plain(n) + ", below the minimum " + plain(c.min());
          } else if (c.max() != null && d > c.max()) {
            rule = "range";
            problem = c.name() + " is " + plain(n) + ", above the maximum " + plain(c.max());
          }
        }
        if (rule == null && c.pattern() != null && !c.pattern().matcher(text(v)).matches()) {
          rule = "pattern";
          problem = c.name() + " '" + text(v) + "' does not match " + c.pattern().pattern();
        }
        if (rule == null && !allowed.get(i).isEmpty() && !allowed.get(i).contains(text(v))) {
          boolean contract = allowedFromContract.get(i);
          rule = contract ? "contract" : "allowed-values";
          problem =
              c.name()
                  + " '"
                  + text(v)
                  + "' is not "
                  + (contract ? "an allowed value of the glossary term " + c.term() : "allowed");
        }
      }
      if (rule != null) {
        if (problems == null) {
          problems = new ArrayList<>(2);
          firstRule = rule;
        }
        problems.add(problem);
      }
    }
    return firstRule == null ? null : new Failure(firstRule, String.join("; ", problems));
  }

  /** A value as the text allowed-values lists and patterns are written in. */
  static String text(Object v) {
    if (v instanceof Double d) {
      return plain(d);
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant().toString();
    }
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    return String.valueOf(v);
  }

  private static String plain(Number n) {
    double d = n.doubleValue();
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return n.toString();
  }

  private static Set<String> intersect(Set<String> a, List<String> b) {
    Set<String> both = new HashSet<>(a);
    both.retainAll(b);
    return both;
  }
}
