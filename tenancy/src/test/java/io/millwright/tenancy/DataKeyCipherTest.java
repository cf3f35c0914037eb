package io.millwright.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DataKeyCipherTest {

  private final byte[] master = filled(7);
  private final DataKeyCipher cipher = new DataKeyCipher(master);

  @Test
  void wrapsAndUnwrapsTheSameKeyForTheSameTenant() {
    TenantId tenant = TenantId.random();
    byte[] dataKey = filled(42);
    byte[] wrapped = cipher.wrap(tenant, dataKey);

    assertThat(cipher.unwrap(tenant, wrapped).getEncoded()).isEqualTo(dataKey);
    assertThat(java.util.Collections.indexOfSubList(asList(wrapped), asList(dataKey)))
        .isEqualTo(-1);
  }

  @Test
  void aWrappedKeyDoesNotOpenForAnotherTenant() {
    byte[] wrapped = cipher.newWrappedDataKey(TenantId.random());

    assertThatThrownBy(() -> cipher.unwrap(TenantId.random(), wrapped))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not open");
  }

  @Test
  void aWrappedKeyDoesNotOpenUnderAnotherMasterKey() {
    TenantId tenant = TenantId.random();
    byte[] wrapped = cipher.newWrappedDataKey(tenant);

    assertThatThrownBy(() -> new DataKeyCipher(filled(8)).unwrap(tenant, wrapped))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tamperedCiphertextIsRefused() {
    TenantId tenant = TenantId.random();
    byte[] wrapped = cipher.newWrappedDataKey(tenant);
    wrapped[wrapped.length - 1] ^= 1;

    assertThatThrownBy(() -> cipher.unwrap(tenant, wrapped))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyNewKeyIsDifferent() {
    TenantId tenant = TenantId.random();
    assertThat(cipher.unwrap(tenant, cipher.newWrappedDataKey(tenant)).getEncoded())
        .isNotEqualTo(cipher.unwrap(tenant, cipher.newWrappedDataKey(tenant)).getEncoded());
  }

  @Test
  void refusesAMasterKeyOfTheWrongLength() {
    assertThatThrownBy(() -> new DataKeyCipher(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  private static java.util.List<Byte> asList(byte[] bytes) {
    java.util.List<Byte> list = new java.util.ArrayList<>();
    for (byte b : bytes) {
      list.add(b);
    }
    return list;
  }

  private static byte[] filled(int value) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
