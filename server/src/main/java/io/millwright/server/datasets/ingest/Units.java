package io.millwright.server.datasets.ingest;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A small table of physical units for cells like "12.5 kg" or "70°F".
 *
 * <p>Each unit maps to its SI base as {@code si = (value + offset) * numerator / denominator}.
 * Factors are exact decimals (1 lb = 0.45359237 kg by definition) and the arithmetic is done in
 * {@link BigDecimal}, so 32 °F converts to exactly 0 °C instead of 5.7e-14.
 */
public final class Units {

  private record Unit(
      String symbol, String dimension, BigDecimal offset, BigDecimal num, BigDecimal den) {}

  private static final MathContext WORKING = MathContext.DECIMAL128;
  private static final MathContext RESULT = MathContext.DECIMAL64;

  private static final Table TABLE = new Table();

  private Units() {}

  /** True when the table knows the unit under this symbol or alias. */
  public static boolean isKnown(String unit) {
    return find(unit).isPresent();
  }

  /** The canonical symbol of a known unit ("°C" → "degC"), so that aliases compare equal. */
  public static Optional<String> canonical(String unit) {
    return find(unit).map(Unit::symbol);
  }

  /** True when both units are known and measure the same dimension. */
  public static boolean convertible(String from, String to) {
    Optional<Unit> a = find(from);
    Optional<Unit> b = find(to);
    return a.isPresent() && b.isPresent() && a.get().dimension().equals(b.get().dimension());
  }

  /**
   * Converts a value between two known units of the same dimension.
   *
   * @throws IllegalArgumentException when a unit is unknown or the dimensions differ
   */
  public static double convert(double value, String from, String to) {
    Unit source =
        find(from).orElseThrow(() -> new IllegalArgumentException("unknown unit " + from));
    Unit target = find(to).orElseThrow(() -> new IllegalArgumentException("unknown unit " + to));
    if (!source.dimension().equals(target.dimension())) {
      throw new IllegalArgumentException("unit " + from + " cannot be converted to " + to);
    }
    if (source == target) {
      return value;
    }
    // One multiplication and one division keep ratios such as 5/9 and 1000/3600 exact.
    BigDecimal factor = source.num().multiply(target.den(), WORKING);
    BigDecimal divisor = source.den().multiply(target.num(), WORKING);
    BigDecimal result =
        BigDecimal.valueOf(value)
            .add(source.offset(), WORKING)
            .multiply(factor, WORKING)
            .divide(divisor, WORKING)
            .subtract(target.offset(), WORKING);
    return result.round(RESULT).doubleValue();
  }

  private static Optional<Unit> find(String unit) {
    if (unit == null) {
      return Optional.empty();
    }
    String key = unit.trim();
    Unit exact = TABLE.byAlias.get(key);
    if (exact != null) {
      return Optional.of(exact);
    }
    return Optional.ofNullable(TABLE.byLowercaseAlias.get(key.toLowerCase(Locale.ROOT)));
  }

  /** The lookup maps, filled once and only read afterwards. */
  private static final class Table {

    private final Map<String, Unit> byAlias;
    private final Map<String, Unit> byLowercaseAlias;
    private final Map<String, Unit> aliases = new HashMap<>();
    private final Map<String, Unit> lowercaseAliases = new HashMap<>();

    private Table() {
      scale("length", "mm", "0.001");
      scale("length", "cm", "0.01");
      scale("length", "m", "1", "meter", "metre", "meters", "metres");
      scale("length", "km", "1000");
      scale("length", "in", "0.0254", "inch", "inches");
      scale("length", "ft", "0.3048", "feet", "foot");
      scale("length", "yd", "0.9144", "yard", "yards");
      scale("length", "mi", "1609.344", "mile", "miles");

      scale("mass", "g", "0.001", "gram", "grams");
      scale("mass", "kg", "1", "kilogram", "kilograms", "kgs");
      scale("mass", "t", "1000", "tonne", "tonnes");
      scale("mass", "lb", "0.45359237", "lbs", "pound", "pounds");
      scale("mass", "oz", "0.028349523125", "ounce", "ounces");

      // Temperatures are affine: kelvin = (value + offset) * num / den.
      unit("temperature", "K", "0", "1", "1", "kelvin");
      unit("temperature", "degC", "273.15", "1", "1", "°C", "C", "℃", "celsius");
      unit("temperature", "degF", "459.67", "5", "9", "°F", "F", "℉", "fahrenheit");

      scale("time", "ms", "0.001");
      scale("time", "s", "1", "sec", "secs", "second", "seconds");
      scale("time", "min", "60", "mins", "minute", "minutes");
      scale("time", "h", "3600", "hr", "hrs", "hour", "hours");
      scale("time", "d", "86400", "day", "days");

      scale("volume", "ml", "0.000001", "mL");
      scale("volume", "l", "0.001", "L", "liter", "litre", "liters", "litres");
      scale("volume", "m3", "1", "m³");
      scale("volume", "gal", "0.003785411784", "gallon", "gallons");

      scale("pressure", "Pa", "1");
      scale("pressure", "kPa", "1000");
      scale("pressure", "bar", "100000");
      // 1 psi = 0.45359237 kg * 9.80665 m/s² / (0.0254 m)², exactly.
      unit("pressure", "psi", "0", "4.4482216152605", "0.00064516");

      scale("energy", "J", "1");
      scale("energy", "kJ", "1000");
      scale("energy", "Wh", "3600");
      scale("energy", "kWh", "3600000");

      scale("speed", "m/s", "1");
      unit("speed", "km/h", "0", "1000", "3600", "kph", "kmh");
      unit("speed", "mph", "0", "1609.344", "3600");

      byAlias = Map.copyOf(aliases);
      byLowercaseAlias = Map.copyOf(lowercaseAliases);
    }

    private void scale(String dimension, String symbol, String factor, String... more) {
      unit(dimension, symbol, "0", factor, "1", more);
    }

    private void unit(
        String dimension, String symbol, String offset, String num, String den, String... more) {
      Unit unit =
          new Unit(
              symbol, dimension, new BigDecimal(offset), new BigDecimal(num), new BigDecimal(den));
      register(symbol, unit);
      for (String alias : more) {
        register(alias, unit);
      }
    }

    private void register(String alias, Unit unit) {
      aliases.put(alias, unit);
      // Case-insensitive fallback ("KG", "KWH"); the first unit to claim a spelling keeps it.
      lowercaseAliases.putIfAbsent(alias.toLowerCase(Locale.ROOT), unit);
    }
  }
}
