package io.millwright.server.glossary;

import java.util.List;

/** A term as a person defines it (request body); {@link Glossary} validates it. */
public record TermDefinition(
    String term, String definition, String dataType, String unit, List<String> allowedValues) {}
