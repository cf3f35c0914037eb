package io.millwright.server.datasets.ingest;

/** How to read an ambiguous numeric date such as 01/03/2024. */
public enum DateOrder {
  /** Day first: 01/03/2024 is 1 March (most of the world). */
  DMY,
  /** Month first: 01/03/2024 is 3 January (United States). */
  MDY
}
