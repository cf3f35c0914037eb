/**
 * The Millwright server: the REST API, the security edge and the platform's own capabilities
 * (tenants, members, audit, usage). Packages are by feature; each feature's HTTP and persistence
 * details live beside its service.
 */
package io.millwright.server;
