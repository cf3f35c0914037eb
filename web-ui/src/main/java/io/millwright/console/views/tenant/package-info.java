/** Pages inside one tenant: home, members, audit trail, usage, settings. */
package io.millwright.console.views.tenant;
