/**
 * The Millwright web console (Vaadin Flow). Views build layout only; everything they show or change
 * goes through the ports in {@code console.ports}, which the server implements with its services,
 * so this module never depends on the server.
 */
package io.millwright.console;
