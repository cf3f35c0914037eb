package io.millwright.console.ports;

import java.util.List;

/** One page of rows and how many there are in all. */
public record Page<T>(List<T> items, long total) {}
