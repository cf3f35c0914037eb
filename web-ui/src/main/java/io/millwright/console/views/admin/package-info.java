/** The platform admin console: tenants list, creation, detail, suspend/resume/delete. */
package io.millwright.console.views.admin;
