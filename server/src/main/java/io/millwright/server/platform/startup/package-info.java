/**
 * What runs once when the application starts: settings validation, database migrations as the owner
 * role, recovery of interrupted work, and scheduling of background jobs.
 */
package io.millwright.server.platform.startup;
