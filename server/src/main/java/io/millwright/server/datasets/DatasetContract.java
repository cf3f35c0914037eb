package io.millwright.server.datasets;

import io.millwright.server.glossary.DataType;
import io.millwright.server.glossary.GlossaryTerm;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A dataset's validated declaration: the data contract every write is checked against. Built only
 * through {@link #validate}, which names every problem of a declaration at once.
 */
public record DatasetContract(
    String name,
    String description,
    List<Column> columns,
    List<String> primaryKey,
    List<Partitioning> partitioning,
    DatasetSpec.Retention retention,
    Duration freshness,
    boolean addColumns) {

  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{1,63}");
  public static final Pattern COLUMN_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
  static final int MAX_COLUMNS = 500;
  private static final Pattern TRANSFORM =
      Pattern.compile(
          "(identity|year|month|day|hour|bucket|truncate)\\(([a-z][a-z0-9_]*)(?:,\\s*(\\d+))?\\)");

  /** One partition field, e.g. {@code day(read_at)} or {@code bucket(site, 16)}. */
  public record Partitioning(String transform, String column, Integer width) {
    public String text() {
      return transform + "(" + column + (width == null ? "" : ", " + width) + ")";
    }
  }

  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  public DatasetContract withColumns(List<Column> newColumns) {
    return new DatasetContract(
        name, description, newColumns, primaryKey, partitioning, retention, freshness, addColumns);
  }

  public DatasetSpec toSpec() {
    return new DatasetSpec(
        name,
        description,
        columns.stream().map(Column::toSpec).toList(),
        primaryKey,
        partitioning.stream().map(Partitioning::text).toList(),
        retention,
        freshness == null ? null : freshness.toString(),
        addColumns ? "add-columns" : "strict");
  }

  /**
   * @param glossary the tenant's terms by name, for checking column bindings
   * @throws ProblemException 400 naming every bad field
   */
  public static DatasetContract validate(DatasetSpec spec, Map<String, GlossaryTerm> glossary) {
    return validate(spec, glossary, true);
  }

  /**
   * @param checkTerms false for a stored contract, whose bindings were checked when it was declared
   *     (terms are looked up again on every write)
   */
  static DatasetContract validate(
      DatasetSpec spec, Map<String, GlossaryTerm> glossary, boolean checkTerms) {
    if (spec == null) {
      throw new ProblemException(
          Problem.badRequest("Send a JSON body with at least name and columns."));
    }
    Map<String, String> errors = new LinkedHashMap<>();
    String name = spec.name() == null ? "" : spec.name().trim();
    if (!NAME.matcher(name).matches()) {
      errors.put(
          "name",
          "a dataset name is 2 to 64 lowercase letters, digits or underscores, starting with a"
              + " letter");
    }
    String description = spec.description() == null ? "" : spec.description().trim();
    if (description.length() > 2000) {
      errors.put("description", "a description is at most 2000 characters");
    }
    List<Column> columns = new ArrayList<>();
    List<ColumnSpec> declared = spec.columns() == null ? List.of() : spec.columns();
    if (declared.isEmpty() || declared.size() > MAX_COLUMNS) {
      errors.put("columns", "a dataset has 1 to " + MAX_COLUMNS + " columns");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < declared.size(); i++) {
      Column column = column(declared.get(i), "columns[" + i + "]", glossary, checkTerms, errors);
      if (column != null) {
        if (!seen.add(column.name())) {
          errors.put("columns[" + i + "].name", "column '" + column.name() + "' appears twice");
        }
        columns.add(column);
      }
    }
    List<String> key = spec.primaryKey() == null ? List.of() : List.copyOf(spec.primaryKey());
    for (String k : key) {
      if (!seen.contains(k)) {
        errors.put("primaryKey", "the key column '" + k + "' is not a column of the dataset");
      }
    }
    if (new HashSet<>(key).size() != key.size()) {
      errors.put("primaryKey", "a key column appears twice");
    }
    List<Partitioning> partitioning = new ArrayList<>();
    List<String> parts = spec.partitioning() == null ? List.of() : spec.partitioning();
    for (int i = 0; i < parts.size(); i++) {
      Partitioning p = partitioning(parts.get(i), columns);
      if (p == null) {
        errors.put(
            "partitioning[" + i + "]",
            "write a column name, or identity|year|month|day|hour(column), bucket(column, n) or"
                + " truncate(column, n), on an existing column of a fitting type");
      } else {
        partitioning.add(p);
      }
    }
    DatasetSpec.Retention retention = spec.retention();
    if (retention != null
        && ((retention.keepVersions() != null && retention.keepVersions() < 1)
            || (retention.keepDays() != null && retention.keepDays() < 0))) {
      errors.put(
          "retention", "keep at least 1 version, and 0 or more days (0: only the count counts)");
    }
    Duration freshness = null;
    if (spec.freshness() != null && !spec.freshness().isBlank()) {
      try {
        freshness = Duration.parse(spec.freshness().trim());
        if (freshness.isNegative() || freshness.isZero()) {
          errors.put("freshness", "the freshness expectation is a positive duration");
        }
      } catch (DateTimeParseException e) {
        errors.put("freshness", "write an ISO-8601 duration such as PT1H or P1D");
      }
    }
    String evolution = spec.schemaEvolution() == null ? "add-columns" : spec.schemaEvolution();
    if (!evolution.equals("add-columns") && !evolution.equals("strict")) {
      errors.put("schemaEvolution", "add-columns or strict");
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.invalidFields(errors));
    }
    return new DatasetContract(
        name,
        description,
        List.copyOf(columns),
        key,
        List.copyOf(partitioning),
        retention,
        freshness,
        evolution.equals("add-columns"));
  }

  private static Column column(
      ColumnSpec c,
      String at,
      Map<String, GlossaryTerm> glossary,
      boolean checkTerms,
      Map<String, String> errors) {
    if (c == null) {
      errors.put(at, "a column is an object with at least name and type");
      return null;
    }
    int before = errors.size();
    String name = c.name() == null ? "" : c.name().trim();
    if (!COLUMN_NAME.matcher(name).matches()) {
      errors.put(
          at + ".name",
          "a column name is 1 to 63 lowercase letters, digits or underscores, starting with a"
              + " letter");
    }
    GlossaryTerm term = null;
    String termName = c.term() == null || c.term().isBlank() ? null : c.term().trim();
    if (termName != null && checkTerms) {
      term = glossary.get(termName);
      if (term == null) {
        errors.put(at + ".term", "the glossary has no term '" + c.term().trim() + "'");
      }
    }
    DataType type;
    if (c.type() == null && term != null) {
      type = term.dataType();
    } else {
      type = DataType.fromWireName(c.type()).orElse(null);
    }
    if (type == null) {
      errors.put(at + ".type", "string, integer, decimal, boolean, date or timestamp");
    } else if (term != null && term.dataType() != type) {
      errors.put(
          at + ".type",
          "the glossary term '"
              + term.term()
              + "' is a "
              + term.dataType().wireName()
              + ", the column a "
              + type.wireName());
    }
    String unit = blankToNull(c.unit());
    if (unit == null && term != null) {
      unit = term.unit();
    }
    if (unit != null) {
      if (type != null && type != DataType.INTEGER && type != DataType.DECIMAL) {
        errors.put(at + ".unit", "only integer and decimal columns carry a unit");
      } else if (term != null && term.unit() != null && !unit.equalsIgnoreCase(term.unit())) {
        errors.put(
            at + ".unit", "the glossary term '" + term.term() + "' is measured in " + term.unit());
      } else if (unit.length() > 32) {
        errors.put(at + ".unit", "a unit is at most 32 characters");
      }
    }
    Pattern pattern = null;
    if (c.pattern() != null && !c.pattern().isEmpty()) {
      try {
        pattern = Pattern.compile(c.pattern());
      } catch (PatternSyntaxException e) {
        errors.put(at + ".pattern", "not a regular expression: " + e.getDescription());
      }
    }
    if (c.min() != null && c.max() != null && c.min() > c.max()) {
      errors.put(at + ".min", "min is larger than max");
    }
    if ((c.min() != null || c.max() != null)
        && type != null
        && type != DataType.INTEGER
        && type != DataType.DECIMAL) {
      errors.put(at + ".min", "min and max apply to integer and decimal columns");
    }
    List<String> allowed = c.allowedValues() == null ? List.of() : List.copyOf(c.allowedValues());
    if (type != null) {
      for (String v : allowed) {
        if (v == null || !type.accepts(v)) {
          errors.put(at + ".allowedValues", "'" + v + "' is not a " + type.wireName());
        }
      }
    }
    String description = c.description() == null ? null : c.description().trim();
    if (description != null && description.length() > 2000) {
      errors.put(at + ".description", "a description is at most 2000 characters");
    }
    if (errors.size() > before) {
      return null;
    }
    return new Column(
        name,
        type,
        unit,
        description,
        termName,
        Boolean.TRUE.equals(c.pii()),
        Boolean.TRUE.equals(c.required()),
        c.min(),
        c.max(),
        pattern,
        allowed);
  }

  private static Partitioning partitioning(String text, List<Column> columns) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    Matcher m = TRANSFORM.matcher(t);
    String transform;
    String column;
    Integer width = null;
    if (m.matches()) {
      transform = m.group(1);
      column = m.group(2);
      if (m.group(3) != null) {
        width = Integer.valueOf(m.group(3));
      }
    } else if (COLUMN_NAME.matcher(t).matches()) {
      transform = "identity";
      column = t;
    } else {
      return null;
    }
    boolean needsWidth = transform.equals("bucket") || transform.equals("truncate");
    if (needsWidth != (width != null) || (width != null && (width < 1 || width > 1024))) {
      return null;
    }
    Column target = columns.stream().filter(c -> c.name().equals(column)).findFirst().orElse(null);
    if (target == null) {
      return null;
    }
    boolean temporal = target.type() == DataType.DATE || target.type() == DataType.TIMESTAMP;
    if (List.of("year", "month", "day").contains(transform) && !temporal) {
      return null;
    }
    if (transform.equals("hour") && target.type() != DataType.TIMESTAMP) {
      return null;
    }
    return new Partitioning(transform, column, width);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
