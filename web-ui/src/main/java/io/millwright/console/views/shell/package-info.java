/** The frame around every page: navigation by role, tenant switcher, sign-out, refusals. */
package io.millwright.console.views.shell;
