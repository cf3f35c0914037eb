/**
 * How the application enters a tenant's (or the platform's) row-level-security scope inside a
 * transaction. Every repository calls into here before its first statement.
 */
package io.millwright.server.platform.persistence;
