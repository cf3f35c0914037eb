package io.millwright.console.ports;

import java.util.List;

/** A dataset as a query sees it: the table name to write and its declared columns. */
public record SqlTable(String name, List<DatasetColumn> columns) {}
