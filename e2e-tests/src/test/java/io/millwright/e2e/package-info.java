/**
 * Black-box browser tests of the console: Playwright drives Debian's Chromium through the real
 * Keycloak sign-in and the real server, with one page object per page.
 */
package io.millwright.e2e;
