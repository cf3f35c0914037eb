package io.millwright.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.millwright.console.ports.TenantSql;
import io.millwright.server.datasets.SqlResource;
import io.millwright.server.security.TenantRoles;
import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsoleSqlTest {

  @Test
  void theConsoleAdmitsTheRolesTheSqlApiAdmits() throws NoSuchMethodException {
    TenantRoles api =
        SqlResource.class
            .getMethod("query", String.class, SqlResource.SqlRequest.class)
            .getAnnotation(TenantRoles.class);
    assertThat(TenantSql.ROLES).isEqualTo(Set.of(api.value()));
  }

  @Test
  void valuesReadAsPeopleWriteThem() {
    assertThat(ConsoleSql.text(new BigDecimal("1.25E+3"))).isEqualTo("1250");
    assertThat(ConsoleSql.text(12L)).isEqualTo("12");
    assertThat(ConsoleSql.text(null)).isNull();
  }
}
