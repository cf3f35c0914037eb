/** The console's pages. Views build layout and call ports; they hold no business logic. */
package io.millwright.console.views;
