package io.millwright.console.ports;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Usage of one meter on one day (or over a period, when {@code day} is null). */
public record UsageRow(String meter, LocalDate day, BigDecimal quantity, String unit) {}
