package io.millwright.server.datasets.maintenance;

import io.millwright.server.datasets.Column;
import io.millwright.server.datasets.ingest.ParseOptions;
import io.millwright.server.datasets.ingest.ParsedValue;
import io.millwright.server.datasets.ingest.ValueParser;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;

/**
 * Which rows to erase, as a person writes it: {@code {"column":"customer_id","op":"=","value":
 * "C-1"}}, combined with {@code {"and":[…]}} or {@code {"or":[…]}}. Operators: = != < <= > >= in
 * (with {@code values}), is-null, not-null. Values are read like uploaded cells (dates, units,
 * thousands separators), so a predicate means what the same text in a file would.
 */
public final class RowPredicate {

  /** A predicate that cannot be used, with the reason. */
  public static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Invalid(String message) {
      super(message);
    }
  }

  private RowPredicate() {}

  public static Expression toExpression(
      Map<String, Object> json, List<Column> columns, ParseOptions options) {
    if (json == null || json.isEmpty()) {
      throw new Invalid("Say which rows: {\"column\": …, \"op\": \"=\", \"value\": …}.");
    }
    ValueParser parser = new ValueParser(options);
    return convert(json, columns, parser, 0);
  }

  @SuppressWarnings("unchecked")
  private static Expression convert(
      Map<String, Object> json, List<Column> columns, ValueParser parser, int depth) {
    if (depth > 8) {
      throw new Invalid("The predicate nests too deeply.");
    }
    for (String combinator : List.of("and", "or")) {
      if (json.containsKey(combinator)) {
        Object parts = json.get(combinator);
        if (!(parts instanceof List<?> list) || list.isEmpty()) {
          throw new Invalid("'" + combinator + "' takes a list of predicates.");
        }
        Expression result = null;
        for (Object part : list) {
          if (!(part instanceof Map<?, ?> m)) {
            throw new Invalid("'" + combinator + "' takes a list of predicates.");
          }
          Expression e = convert((Map<String, Object>) m, columns, parser, depth + 1);
          result =
              result == null
                  ? e
                  : combinator.equals("and")
                      ? Expressions.and(result, e)
                      : Expressions.or(result, e);
        }
        return result;
      }
    }
    String name = String.valueOf(json.get("column"));
    Column column =
        columns.stream()
            .filter(c -> c.name().equals(name))
            .findFirst()
            .orElseThrow(() -> new Invalid("The dataset has no column '" + name + "'."));
    String op = String.valueOf(json.getOrDefault("op", "="));
    switch (op) {
      case "is-null":
        return Expressions.isNull(name);
      case "not-null":
        return Expressions.notNull(name);
      case "in":
        Object values = json.get("values");
        if (!(values instanceof List<?> list) || list.isEmpty()) {
          throw new Invalid("'in' takes a non-empty list of values.");
        }
        List<Object> literals = new ArrayList<>();
        for (Object v : list) {
          literals.add(literal(column, v, parser));
        }
        return Expressions.in(name, literals.toArray());
      default:
        break;
    }
    Object value = literal(column, json.get("value"), parser);
    return switch (op) {
      case "=" -> Expressions.equal(name, value);
      case "!=" -> Expressions.notEqual(name, value);
      case "<" -> Expressions.lessThan(name, value);
      case "<=" -> Expressions.lessThanOrEqual(name, value);
      case ">" -> Expressions.greaterThan(name, value);
      case ">=" -> Expressions.greaterThanOrEqual(name, value);
      default ->
          throw new Invalid(
              "Unknown operator '" + op + "': use = != < <= > >= in is-null not-null.");
    };
  }

  /** The value in Iceberg's literal form for the column's type. */
  private static Object literal(Column column, Object raw, ValueParser parser) {
    if (raw == null) {
      throw new Invalid("Give a value for " + column.name() + " (or use is-null).");
    }
    ParsedValue parsed = parser.parse(String.valueOf(raw), column.type(), column.unit());
    if (parsed.isFailure() || parsed.value() == null) {
      throw new Invalid(
          column.name() + ": " + (parsed.isFailure() ? parsed.failure() : "the value is empty"));
    }
    Object v = parsed.value();
    if (v instanceof LocalDate d) {
      return (int) d.toEpochDay();
    }
    if (v instanceof OffsetDateTime t) {
      return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, t.toInstant());
    }
    return v;
  }
}
