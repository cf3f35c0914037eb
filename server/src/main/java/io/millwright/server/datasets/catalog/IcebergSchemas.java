package io.millwright.server.datasets.catalog;

import io.millwright.server.datasets.Column;
import io.millwright.server.datasets.DatasetContract;
import io.millwright.server.glossary.DataType;
import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * How a dataset's contract maps onto an Iceberg schema. Every field is optional in Iceberg: "not
 * null" is a rule of the contract, checked on write with a readable reason, and keeping the storage
 * schema permissive is what lets columns be added later without rewriting files.
 */
public final class IcebergSchemas {

  private IcebergSchemas() {}

  public static Schema schemaOf(List<Column> columns) {
    List<Types.NestedField> fields = new ArrayList<>();
    int id = 1;
    for (Column c : columns) {
      fields.add(Types.NestedField.optional(id++, c.name(), typeOf(c.type()), c.description()));
    }
    return new Schema(fields);
  }

  /**
   * The Iceberg type of a contract type. Integers are 64-bit; decimals are stored as 64-bit
   * floating point, which is what sensor readings and measurements need (exact money columns would
   * need decimal(p, s) and are not offered yet).
   */
  public static Type typeOf(DataType type) {
    return switch (type) {
      case STRING -> Types.StringType.get();
      case INTEGER -> Types.LongType.get();
      case DECIMAL -> Types.DoubleType.get();
      case BOOLEAN -> Types.BooleanType.get();
      case DATE -> Types.DateType.get();
      case TIMESTAMP -> Types.TimestampType.withZone();
    };
  }

  public static PartitionSpec partitionSpecOf(Schema schema, DatasetContract contract) {
    if (contract.partitioning().isEmpty()) {
      return PartitionSpec.unpartitioned();
    }
    PartitionSpec.Builder builder = PartitionSpec.builderFor(schema);
    for (DatasetContract.Partitioning p : contract.partitioning()) {
      switch (p.transform()) {
        case "identity" -> builder.identity(p.column());
        case "year" -> builder.year(p.column());
        case "month" -> builder.month(p.column());
        case "day" -> builder.day(p.column());
        case "hour" -> builder.hour(p.column());
        case "bucket" -> builder.bucket(p.column(), p.width());
        case "truncate" -> builder.truncate(p.column(), p.width());
        default -> throw new IllegalArgumentException("unknown transform " + p.transform());
      }
    }
    return builder.build();
  }
}
