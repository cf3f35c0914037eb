package io.millwright.server.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;

/** Start-up refuses a bad configuration with a message that names the setting to fix. */
class PlatformSettingsTest {

  private static final String KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  private final Map<String, String> values =
      new HashMap<>(
          Map.of(
              PlatformSettings.MASTER_KEY, KEY, PlatformSettings.KEYCLOAK_CLIENT_SECRET, "secret"));

  private PlatformSettings read() {
    PlatformSettings settings = new PlatformSettings();
    settings.config = new MapConfig(values);
    settings.read();
    return settings;
  }

  @Test
  void hasDocumentedDefaults() {
    PlatformSettings s = read();
    assertThat(s.keycloakBaseUrl()).isEqualTo("http://127.0.0.1:8180");
    assertThat(s.issuer()).isEqualTo("http://127.0.0.1:8180/realms/millwright");
    assertThat(s.audience()).isEqualTo("millwright-api");
    assertThat(s.purgeGrace()).isEqualTo(Duration.ofDays(30));
    assertThat(s.meteringWindow()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.masterKey()).hasSize(32);
  }

  @Test
  void aMissingMasterKeyNamesTheSettingAndItsVariable() {
    values.remove(PlatformSettings.MASTER_KEY);
    assertThatThrownBy(this::read)
        .isInstanceOf(MisconfigurationException.class)
        .hasMessageContaining("millwright.master-key")
        .hasMessageContaining("MILLWRIGHT_MASTER_KEY");
  }

  @Test
  void aShortMasterKeyIsRefused() {
    values.put(PlatformSettings.MASTER_KEY, "c2hvcnQ=");
    assertThatThrownBy(this::read).hasMessageContaining("exactly 32 bytes");
  }

  @Test
  void aMissingClientSecretIsRefused() {
    values.remove(PlatformSettings.KEYCLOAK_CLIENT_SECRET);
    assertThatThrownBy(this::read).hasMessageContaining("MILLWRIGHT_KEYCLOAK_CLIENT_SECRET");
  }

  @Test
  void badUrlsAndDurationsAreRefused() {
    values.put(PlatformSettings.KEYCLOAK_URL, "ftp://x");
    assertThatThrownBy(this::read).hasMessageContaining("millwright.keycloak.url");
    values.put(PlatformSettings.KEYCLOAK_URL, "http://127.0.0.1:8180");
    values.put(PlatformSettings.PURGE_GRACE, "30 days");
    assertThatThrownBy(this::read)
        .hasMessageContaining("millwright.tenant.purge-grace")
        .hasMessageContaining("ISO-8601");
    values.put(PlatformSettings.PURGE_GRACE, "P30D");
    values.put(PlatformSettings.METERING_WINDOW, "PT7M");
    assertThatThrownBy(this::read).hasMessageContaining("millwright.metering.window");
  }

  /** A Config over a map; only what PlatformSettings uses is implemented. */
  private record MapConfig(Map<String, String> values) implements Config {
    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
      return Optional.ofNullable((T) values.get(name));
    }

    @Override
    public <T> T getValue(String name, Class<T> type) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ConfigValue getConfigValue(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Iterable<String> getPropertyNames() {
      return values.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
      return List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> forType) {
      return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      throw new UnsupportedOperationException();
    }
  }
}
