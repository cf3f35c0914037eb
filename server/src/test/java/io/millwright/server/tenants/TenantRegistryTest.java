package io.millwright.server.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TenantRegistryTest {

  @Test
  void searchTextIsMatchedLiterally() {
    assertThat(TenantRegistry.likePattern("Acme")).isEqualTo("%acme%");
    assertThat(TenantRegistry.likePattern("50%_off\\")).isEqualTo("%50\\%\\_off\\\\%");
    assertThat(TenantRegistry.likePattern(null)).isNull();
  }
}
