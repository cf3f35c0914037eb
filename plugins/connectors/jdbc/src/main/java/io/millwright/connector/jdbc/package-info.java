/**
 * The {@code jdbc} connector: reads a table or a SELECT of a MariaDB, MySQL or PostgreSQL database
 * incrementally, by keyset pagination over a watermark column and a unique key, with the drivers
 * bundled in the plugin.
 */
package io.millwright.connector.jdbc;
