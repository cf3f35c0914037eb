/**
 * What the console needs from the platform, as small interfaces and plain records. The server
 * implements them (adapters over its services); every call acts as the signed-in person and is
 * authorized, audited and metered there, exactly like the REST API.
 */
package io.millwright.console.ports;
