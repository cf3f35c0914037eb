package io.millwright.server.datasets.ingest;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Turns numeric cells into the canonical text the value parser expects, instead of the display text
 * Excel would show: the number format of a cell ("1,234.50", "3/1/24", "25%") is a presentation
 * choice of the author and would otherwise leak locale-specific text into the data.
 */
final class XlsxCellText extends DataFormatter {

  /**
   * Excel keeps 15 significant digits; anything beyond is binary noise such as 0.30000000000000004.
   */
  private static final MathContext EXCEL_PRECISION = new MathContext(15);

  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

  @Override
  public String formatRawCellContents(double value, int formatIndex, String formatString) {
    return formatRawCellContents(value, formatIndex, formatString, false);
  }

  @Override
  public String formatRawCellContents(
      double value, int formatIndex, String formatString, boolean use1904Windowing) {
    if (formatString != null
        && DateUtil.isADateFormat(formatIndex, formatString)
        && DateUtil.isValidExcelDate(value)) {
      return dateText(value, use1904Windowing);
    }
    return number(value);
  }

  private static String dateText(double value, boolean use1904Windowing) {
    LocalDateTime dateTime = DateUtil.getLocalDateTime(value, use1904Windowing, true);
    if (value >= 0 && value < 1) {
      // A time-of-day cell has no date; Excel's day zero is not a real date.
      return dateTime.toLocalTime().toString();
    }
    if (dateTime.toLocalTime().toSecondOfDay() == 0 && dateTime.getNano() == 0) {
      return dateTime.toLocalDate().toString();
    }
    return DATE_TIME.format(dateTime);
  }

  /** Plain decimal text: no exponent, no trailing ".0", no float noise. */
  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    BigDecimal exact = BigDecimal.valueOf(value).round(EXCEL_PRECISION).stripTrailingZeros();
    if (exact.signum() == 0) {
      return "0";
    }
    return exact.toPlainString();
  }

  /** Canonical number text for a numeric cell the handler passed through unformatted. */
  static String normalizeNumber(String text) {
    try {
      return number(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      return text;
    }
  }
}
