/**
 * The metering domain: usage events, their categories, and the rows and groupings of usage totals.
 * Plain Java: depends only on the JDK and {@code io.millwright.tenancy}, never on JDBC or the
 * server.
 */
package io.millwright.metering;
