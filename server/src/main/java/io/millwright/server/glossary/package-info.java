/**
 * A tenant's business glossary: terms with a definition, a data type, a unit and allowed values,
 * which dataset columns bind to as their data contract. Reads for every member; changes for data
 * engineers and tenant admins; every change audited.
 */
package io.millwright.server.glossary;
