package io.millwright.console.ports;

/**
 * One column of a dataset's contract as people read it.
 *
 * @param unit null when the column has none
 * @param term the glossary term it binds to, or null
 * @param rules the validation rules in words (required, range, pattern, allowed values), or ""
 */
public record DatasetColumn(
    String name, String type, String unit, String term, boolean pii, String rules) {}
