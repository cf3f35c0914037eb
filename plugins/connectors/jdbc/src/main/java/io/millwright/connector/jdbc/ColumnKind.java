package io.millwright.connector.jdbc;

import io.millwright.plugin.api.connector.FieldType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * How a column's values are read into the Java values a record carries, written into an offset and
 * bound back into a query. Decided once per result from its metadata, never per row.
 */
enum ColumnKind {
  /** Integers of any width, MariaDB's YEAR and BIT(n): {@code Long}. */
  LONG("long", FieldType.INTEGER),
  /** DECIMAL, NUMERIC and unsigned BIGINT: {@code BigDecimal}. */
  DECIMAL("decimal", FieldType.DECIMAL),
  /** FLOAT, REAL, DOUBLE: {@code Double}. */
  DOUBLE("double", FieldType.DECIMAL),
  /** BOOLEAN, BIT(1), MariaDB's TINYINT(1): {@code Boolean}. */
  BOOLEAN("boolean", FieldType.BOOLEAN),
  /** DATE: {@code LocalDate}. */
  DATE("date", FieldType.DATE),
  /** TIMESTAMP, DATETIME without time zone: {@code LocalDateTime}, to the nanosecond. */
  TIMESTAMP("timestamp", FieldType.TIMESTAMP),
  /** TIMESTAMP WITH TIME ZONE: {@code Instant}. */
  INSTANT("instant", FieldType.TIMESTAMP),
  /** TIME: its ISO text, since a record carries no time-of-day type. */
  TIME("time", FieldType.TEXT),
  /** CHAR, VARCHAR, TEXT, CLOB: {@code String}. */
  STRING("string", FieldType.TEXT),
  /** BINARY, VARBINARY, BLOB, BYTEA: base64 text. */
  BYTES("bytes", FieldType.TEXT),
  /** Anything else (UUID, JSON, arrays, intervals, time with zone): the driver's text for it. */
  OTHER("other", FieldType.TEXT);

  private static final DateTimeFormatter ISO_LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

  /** The type's name in an offset. */
  final String tag;

  final FieldType fieldType;

  ColumnKind(String tag, FieldType fieldType) {
    this.tag = tag;
    this.fieldType = fieldType;
  }

  static ColumnKind of(ResultSetMetaData md, int column) throws SQLException {
    int type = md.getColumnType(column);
    return switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT ->
          "java.math.BigInteger".equals(md.getColumnClassName(column)) ? DECIMAL : LONG;
      case Types.DECIMAL, Types.NUMERIC -> DECIMAL;
      case Types.REAL, Types.FLOAT, Types.DOUBLE -> DOUBLE;
      case Types.BOOLEAN -> BOOLEAN;
      case Types.BIT ->
          // MariaDB's BIT(n) reads as a number; PostgreSQL's bit(n) as its text of 0s and 1s.
          md.getPrecision(column) <= 1
              ? BOOLEAN
              : "BIT".equals(md.getColumnTypeName(column)) ? LONG : OTHER;
      case Types.DATE -> "year".equalsIgnoreCase(md.getColumnTypeName(column)) ? LONG : DATE;
      case Types.TIME -> "timetz".equalsIgnoreCase(md.getColumnTypeName(column)) ? OTHER : TIME;
      case Types.TIME_WITH_TIMEZONE -> OTHER;
      case Types.TIMESTAMP ->
          // PostgreSQL's driver says TIMESTAMP for timestamptz too; its type name tells them apart.
          "timestamptz".equalsIgnoreCase(md.getColumnTypeName(column)) ? INSTANT : TIMESTAMP;
      case Types.TIMESTAMP_WITH_TIMEZONE -> INSTANT;
      case Types.CHAR,
          Types.VARCHAR,
          Types.LONGVARCHAR,
          Types.NCHAR,
          Types.NVARCHAR,
          Types.LONGNVARCHAR,
          Types.CLOB,
          Types.NCLOB ->
          STRING;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BYTES;
      default -> OTHER;
    };
  }

  /** The column's value as a record carries it. */
  static Object read(ResultSet rs, int column, ColumnKind kind) throws SQLException {
    switch (kind) {
      case LONG -> {
        long v = rs.getLong(column);
        return v == 0 && rs.wasNull() ? null : Long.valueOf(v);
      }
      case DECIMAL -> {
        return rs.getBigDecimal(column);
      }
      case DOUBLE -> {
        double v = rs.getDouble(column);
        return v == 0 && rs.wasNull() ? null : Double.valueOf(v);
      }
      case BOOLEAN -> {
        boolean v = rs.getBoolean(column);
        return !v && rs.wasNull() ? null : Boolean.valueOf(v);
      }
      case DATE -> {
        return rs.getObject(column, LocalDate.class);
      }
      case TIMESTAMP -> {
        return rs.getObject(column, LocalDateTime.class);
      }
      case INSTANT -> {
        OffsetDateTime v = rs.getObject(column, OffsetDateTime.class);
        return v == null ? null : v.toInstant();
      }
      case TIME -> {
        LocalTime v = rs.getObject(column, LocalTime.class);
        return v == null ? null : v.toString();
      }
      case BYTES -> {
        byte[] v = rs.getBytes(column);
        return v == null ? null : Base64.getEncoder().encodeToString(v);
      }
      default -> {
        // STRING, OTHER
        return rs.getString(column);
      }
    }
  }

  /** A value of this kind (as {@link #read} returns it) as offset text. */
  String format(Object value) {
    return switch (this) {
      case DECIMAL -> ((BigDecimal) value).toPlainString();
      case TIMESTAMP -> ISO_LOCAL.format((LocalDateTime) value);
      default -> value.toString();
    };
  }

  /** Offset text back to a value of this kind. */
  Object parse(String text) {
    return switch (this) {
      case LONG -> Long.valueOf(text);
      case DECIMAL -> new BigDecimal(text);
      case DOUBLE -> Double.valueOf(text);
      case BOOLEAN -> Boolean.valueOf(text);
      case DATE -> LocalDate.parse(text);
      case TIMESTAMP -> LocalDateTime.parse(text, ISO_LOCAL);
      case INSTANT -> Instant.parse(text);
      case TIME -> LocalTime.parse(text).toString();
      case BYTES -> {
        Base64.getDecoder().decode(text); // refuses what is not base64
        yield text;
      }
      default -> text;
    };
  }

  /** Binds a value of this kind as a query parameter, exactly as it was read. */
  void bind(PreparedStatement ps, int index, Object value, Dialect dialect) throws SQLException {
    switch (this) {
      case LONG -> ps.setLong(index, (Long) value);
      case DECIMAL -> ps.setBigDecimal(index, (BigDecimal) value);
      case DOUBLE -> ps.setDouble(index, (Double) value);
      case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
      case DATE, TIMESTAMP -> ps.setObject(index, value);
      case INSTANT ->
          ps.setObject(index, OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
      case TIME -> ps.setObject(index, LocalTime.parse((String) value));
      case BYTES -> ps.setBytes(index, Base64.getDecoder().decode((String) value));
      case STRING -> ps.setString(index, (String) value);
      default -> {
        if (dialect == Dialect.POSTGRESQL) {
          // Untyped: the server casts it to the column's type (uuid, ...).
          ps.setObject(index, value, Types.OTHER);
        } else {
          ps.setString(index, (String) value);
        }
      }
    }
  }

  static ColumnKind ofTag(String tag) {
    for (ColumnKind k : values()) {
      if (k.tag.equals(tag)) {
        return k;
      }
    }
    return null;
  }
}
