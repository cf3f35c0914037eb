package io.millwright.server.glossary;

import io.millwright.server.audit.AuditEvent;
import io.millwright.server.audit.AuditTrail;
import io.millwright.server.platform.persistence.DatabaseScope;
import io.millwright.server.platform.rest.Problem;
import io.millwright.server.platform.rest.ProblemException;
import io.millwright.server.security.Caller;
import io.millwright.server.security.RequestContext;
import io.millwright.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tenant's glossary. Each method is one transaction in the tenant's row-level-security scope;
 * every change is audited in the same transaction.
 */
@ApplicationScoped
@Transactional
public class Glossary {

  static final Pattern TERM = Pattern.compile("[a-z][a-z0-9_]{1,63}");
  static final int MAX_ALLOWED_VALUES = 200;
  private static final String COLUMNS =
      "tenant_id, term, definition, data_type, unit,"
          + " allowed_values, created_at, created_by, updated_at, version";

  @Inject DatabaseScope scope;
  @Inject AuditTrail audit;

  public List<GlossaryTerm> list(TenantId tenant) {
    scope.enterTenant(tenant);
    List<GlossaryTerm> terms = new ArrayList<>();
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "select " + COLUMNS + " from glossary_term where tenant_id = ? order by term")) {
            s.setObject(1, tenant.value());
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                terms.add(read(rs));
              }
            }
          }
        });
    return terms;
  }

  public Optional<GlossaryTerm> find(TenantId tenant, String term) {
    scope.enterTenant(tenant);
    GlossaryTerm[] found = new GlossaryTerm[1];
    scope.withConnection(c -> found[0] = find(c, tenant, term));
    return Optional.ofNullable(found[0]);
  }

  /**
   * @throws ProblemException 400 on an invalid definition, 409 when the term exists
   */
  public GlossaryTerm define(
      TenantId tenant, TermDefinition definition, Caller caller, RequestContext context) {
    Valid valid = validate(definition, null);
    scope.enterTenant(tenant);
    scope.withConnection(
        c -> {
          if (find(c, tenant, valid.term()) != null) {
            throw new ProblemException(
                Problem.conflict(
                    "The glossary already defines '" + valid.term() + "'; change it instead."));
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "insert into glossary_term (tenant_id, term,"
                      + " definition, data_type, unit, allowed_values, created_by) values (?, ?, ?, ?, ?, ?,"
                      + " ?)")) {
            s.setObject(1, tenant.value());
            s.setString(2, valid.term());
            s.setString(3, valid.definition());
            s.setString(4, valid.type().wireName());
            s.setString(5, valid.unit());
            s.setString(6, json(valid.allowedValues()));
            s.setString(7, caller.displayName());
            s.executeUpdate();
          }
        });
    audit.append(
        tenant,
        AuditEvent.success(caller, "glossary.define", valid.term(), context, valid.auditDetails()));
    return find(tenant, valid.term()).orElseThrow();
  }

  /**
   * @throws ProblemException 400 on an invalid definition, 404 when the term does not exist
   */
  public GlossaryTerm redefine(
      TenantId tenant,
      String term,
      TermDefinition definition,
      Caller caller,
      RequestContext context) {
    Valid valid = validate(definition, term);
    scope.enterTenant(tenant);
    int[] changed = new int[1];
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement(
                  "update glossary_term set definition = ?,"
                      + " data_type = ?, unit = ?, allowed_values = ?, updated_at = now(), version = version"
                      + " + 1 where tenant_id = ? and term = ?")) {
            s.setString(1, valid.definition());
            s.setString(2, valid.type().wireName());
            s.setString(3, valid.unit());
            s.setString(4, json(valid.allowedValues()));
            s.setObject(5, tenant.value());
            s.setString(6, term);
            changed[0] = s.executeUpdate();
          }
        });
    if (changed[0] == 0) {
      throw notFound(term);
    }
    audit.append(
        tenant, AuditEvent.success(caller, "glossary.update", term, context, valid.auditDetails()));
    return find(tenant, term).orElseThrow();
  }

  public void remove(TenantId tenant, String term, Caller caller, RequestContext context) {
    scope.enterTenant(tenant);
    int[] removed = new int[1];
    scope.withConnection(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("delete from glossary_term where tenant_id = ? and term = ?")) {
            s.setObject(1, tenant.value());
            s.setString(2, term);
            removed[0] = s.executeUpdate();
          }
        });
    if (removed[0] == 0) {
      throw notFound(term);
    }
    audit.append(tenant, AuditEvent.success(caller, "glossary.remove", term, context, Map.of()));
  }

  record Valid(
      String term, String definition, DataType type, String unit, List<String> allowedValues) {
    Map<String, Object> auditDetails() {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("dataType", type.wireName());
      if (unit != null) {
        details.put("unit", unit);
      }
      details.put("allowedValues", allowedValues.size());
      return details;
    }
  }

  /** Checks a definition and names every problem at once (400). */
  static Valid validate(TermDefinition d, String pathTerm) {
    if (d == null) {
      throw new ProblemException(
          Problem.badRequest("Send a JSON body with term, definition and" + " dataType."));
    }
    Map<String, String> errors = new LinkedHashMap<>();
    String term = pathTerm != null ? pathTerm : d.term() == null ? null : d.term().trim();
    if (pathTerm != null && d.term() != null && !d.term().trim().equals(pathTerm)) {
      errors.put("term", "a term cannot be renamed; define a new term instead");
    } else if (term == null || !TERM.matcher(term).matches()) {
      errors.put(
          "term",
          "a term is 2 to 64 lowercase letters, digits or underscores, starting"
              + " with a letter");
    }
    String definition = d.definition() == null ? "" : d.definition().trim();
    if (definition.isEmpty() || definition.length() > 2000) {
      errors.put("definition", "a definition is 1 to 2000 characters");
    }
    DataType type = DataType.fromWireName(d.dataType()).orElse(null);
    if (type == null) {
      errors.put(
          "dataType",
          "the data type is one of string, integer, decimal, boolean, date," + " timestamp");
    }
    String unit = d.unit() == null || d.unit().isBlank() ? null : d.unit().trim();
    if (unit != null && unit.length() > 32) {
      errors.put("unit", "a unit is at most 32 characters");
    }
    List<String> allowed =
        d.allowedValues() == null ? List.of() : List.copyOf(new LinkedHashSet<>(d.allowedValues()));
    if (allowed.size() > MAX_ALLOWED_VALUES) {
      errors.put("allowedValues", "at most " + MAX_ALLOWED_VALUES + " allowed values");
    } else if (type != null) {
      allowed.stream()
          .filter(v -> v == null || v.length() > 200 || !type.accepts(v))
          .findFirst()
          .ifPresent(
              bad ->
                  errors.put(
                      "allowedValues",
                      "'"
                          + bad
                          + "' is not a "
                          + type.wireName()
                          + " value of at most 200 characters"));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.invalidFields(errors));
    }
    return new Valid(term, definition, type, unit, allowed);
  }

  private static ProblemException notFound(String term) {
    return new ProblemException(Problem.notFound("The glossary has no term '" + term + "'."));
  }

  private static GlossaryTerm find(Connection c, TenantId tenant, String term) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "select " + COLUMNS + " from glossary_term where tenant_id = ? and term = ?")) {
      s.setObject(1, tenant.value());
      s.setString(2, term);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? read(rs) : null;
      }
    }
  }

  private static GlossaryTerm read(ResultSet rs) throws SQLException {
    List<String> allowed = new ArrayList<>();
    try (var reader = Json.createReader(new StringReader(rs.getString(6)))) {
      reader.readArray().forEach(v -> allowed.add(((JsonString) v).getString()));
    }
    return new GlossaryTerm(
        TenantId.parse(rs.getString(1)),
        rs.getString(2),
        rs.getString(3),
        DataType.fromWireName(rs.getString(4)).orElseThrow(),
        rs.getString(5),
        List.copyOf(allowed),
        rs.getObject(7, OffsetDateTime.class).toInstant(),
        rs.getString(8),
        rs.getObject(9, OffsetDateTime.class).toInstant(),
        rs.getLong(10));
  }

  private static String json(List<String> values) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    values.forEach(array::add);
    return array.build().toString();
  }
}
