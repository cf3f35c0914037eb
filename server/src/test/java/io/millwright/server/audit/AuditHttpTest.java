package io.millwright.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditHttpTest {

  @Test
  void quotesCellsThatNeedIt() {
    assertThat(AuditHttp.csvCell("plain")).isEqualTo("plain");
    assertThat(AuditHttp.csvCell("a,b")).isEqualTo("\"a,b\"");
    assertThat(AuditHttp.csvCell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(AuditHttp.csvCell("two\nlines")).isEqualTo("\"two\nlines\"");
  }

  @Test
  void defusesSpreadsheetFormulas() {
    assertThat(AuditHttp.csvCell("=HYPERLINK(\"http://evil\")")).startsWith("\"'=");
    assertThat(AuditHttp.csvCell("+1")).isEqualTo("'+1");
    assertThat(AuditHttp.csvCell("-1")).isEqualTo("'-1");
    assertThat(AuditHttp.csvCell("@cmd")).isEqualTo("'@cmd");
  }
}
