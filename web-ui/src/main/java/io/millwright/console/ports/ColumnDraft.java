package io.millwright.console.ports;

/**
 * A column as a person declares it in the console (or as a sample file suggests it).
 *
 * @param type string, integer, decimal, boolean, date or timestamp
 * @param unit null or blank for none
 */
public record ColumnDraft(String name, String type, String unit, boolean pii, boolean required) {}
