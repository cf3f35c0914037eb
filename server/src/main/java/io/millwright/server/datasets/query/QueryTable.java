package io.millwright.server.datasets.query;

import java.util.Set;
import org.apache.iceberg.Schema;

/**
 * A dataset as one query sees it: the name it is called by in SQL, the version's schema, the
 * version's files in plaintext, and the columns the reader may not see (personal data shown as
 * "•••" to people who may not write the dataset).
 */
public record QueryTable(
    String name, long version, Schema schema, PlaintextSnapshot files, Set<String> masked) {}
