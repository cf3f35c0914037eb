package io.millwright.server.platform.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The platform's settings, read once through MicroProfile Config (so every one can come from an
 * environment variable, e.g. {@code MILLWRIGHT_MASTER_KEY} for {@code millwright.master-key}) and
 * validated as a whole at start-up. Defaults suit a local run; README.md lists them all.
 */
@ApplicationScoped
public class PlatformSettings {

  public static final String KEYCLOAK_URL = "millwright.keycloak.url";
  public static final String KEYCLOAK_REALM = "millwright.keycloak.realm";
  public static final String KEYCLOAK_ISSUER = "millwright.keycloak.issuer";
  public static final String KEYCLOAK_AUDIENCE = "millwright.keycloak.audience";
  public static final String KEYCLOAK_CLIENT_ID = "millwright.keycloak.client-id";
  public static final String KEYCLOAK_CLIENT_SECRET = "millwright.keycloak.client-secret";
  public static final String KEYCLOAK_TIMEOUT = "millwright.keycloak.timeout";
  public static final String MASTER_KEY = "millwright.master-key";
  public static final String DATA_DIR = "millwright.data-dir";
  public static final String PURGE_GRACE = "millwright.tenant.purge-grace";
  public static final String PURGE_INTERVAL = "millwright.tenant.purge-interval";
  public static final String NODE_ID = "millwright.node-id";
  public static final String JWT_CLOCK_SKEW = "millwright.jwt.clock-skew";
  public static final String METERING_WINDOW = "millwright.metering.window";
  public static final String METERING_FLUSH_INTERVAL = "millwright.metering.flush-interval";

  @Inject Config config;

  private URI keycloakUrl;
  private String realm;
  private String issuer;
  private String audience;
  private String clientId;
  private String clientSecret;
  private Duration keycloakTimeout;
  private byte[] masterKey;
  private Path dataDir;
  private Duration purgeGrace;
  private Duration purgeInterval;
  private String nodeId;
  private Duration jwtClockSkew;
  private Duration meteringWindow;
  private Duration meteringFlushInterval;

  @PostConstruct
  void read() {
    keycloakUrl = uri(KEYCLOAK_URL, text(KEYCLOAK_URL, "http://127.0.0.1:8180"));
    realm = text(KEYCLOAK_REALM, "millwright");
    issuer = text(KEYCLOAK_ISSUER, stripSlash(keycloakUrl.toString()) + "/realms/" + realm);
    audience = text(KEYCLOAK_AUDIENCE, "millwright-api");
    clientId = text(KEYCLOAK_CLIENT_ID, "millwright-server");
    clientSecret =
        required(
            KEYCLOAK_CLIENT_SECRET,
            "is required: the secret of the Keycloak"
                + " client the server uses to manage organizations and users");
    keycloakTimeout = positive(KEYCLOAK_TIMEOUT, duration(KEYCLOAK_TIMEOUT, "PT5S"));
    masterKey = readMasterKey();
    dataDir =
        Path.of(
                text(
                    DATA_DIR,
                    Path.of(System.getProperty("user.home"), ".millwright", "data").toString()))
            .toAbsolutePath();
    purgeGrace = duration(PURGE_GRACE, "P30D");
    purgeInterval = duration(PURGE_INTERVAL, "PT1M");
    nodeId = text(NODE_ID, hostName());
    jwtClockSkew = duration(JWT_CLOCK_SKEW, "PT60S");
    meteringWindow = duration(METERING_WINDOW, "PT1M");
    if (meteringWindow.toSeconds() % 60 != 0
        || 1440 % Math.max(1, meteringWindow.toMinutes()) != 0
        || meteringWindow.isZero()) {
      throw new MisconfigurationException(
          METERING_WINDOW,
          "must be a whole number of minutes that divides a day (PT1M, PT5M, PT15M, PT1H...),"
              + " was "
              + meteringWindow);
    }
    meteringFlushInterval =
        positive(METERING_FLUSH_INTERVAL, duration(METERING_FLUSH_INTERVAL, "PT15S"));
  }

  private byte[] readMasterKey() {
    String encoded =
        required(
            MASTER_KEY,
            "is required: base64 of 32 random bytes"
                + " (e.g. `openssl rand -base64 32`); it wraps every tenant's data key");
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded.trim());
    } catch (IllegalArgumentException e) {
      throw new MisconfigurationException(MASTER_KEY, "is not valid base64");
    }
    if (key.length != 32) {
      throw new MisconfigurationException(
          MASTER_KEY, "must decode to exactly 32 bytes, it decodes to " + key.length);
    }
    return key;
  }

  private String text(String name, String fallback) {
    return config
        .getOptionalValue(name, String.class)
        .map(String::trim)
        .filter(v -> !v.isEmpty())
        .orElse(fallback);
  }

  private String required(String name, String problem) {
    Optional<String> value = config.getOptionalValue(name, String.class).filter(v -> !v.isBlank());
    return value.orElseThrow(() -> new MisconfigurationException(name, problem));
  }

  private URI uri(String name, String value) {
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
        throw new MisconfigurationException(name, "must be an http(s) URL, was '" + value + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new MisconfigurationException(name, "must be an http(s) URL, was '" + value + "'");
    }
  }

  private Duration duration(String name, String fallback) {
    String value = text(name, fallback);
    try {
      Duration parsed = Duration.parse(value);
      if (parsed.isNegative()) {
        throw new MisconfigurationException(name, "must not be negative, was " + value);
      }
      return parsed;
    } catch (DateTimeParseException e) {
      throw new MisconfigurationException(
          name, "must be an ISO-8601 duration such as PT5S or P30D, was '" + value + "'");
    }
  }

  private static Duration positive(String name, Duration value) {
    if (value.isZero() || value.toMillis() < 1000) {
      throw new MisconfigurationException(name, "must be at least one second, was " + value);
    }
    return value;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "node-1";
    }
  }

  /** The environment variable MicroProfile Config maps to a setting name. */
  public static String environmentName(String setting) {
    return setting.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  public String keycloakBaseUrl() {
    return stripSlash(keycloakUrl.toString());
  }

  public String realm() {
    return realm;
  }

  public String issuer() {
    return issuer;
  }

  public String audience() {
    return audience;
  }

  public String clientId() {
    return clientId;
  }

  public String clientSecret() {
    return clientSecret;
  }

  public Duration keycloakTimeout() {
    return keycloakTimeout;
  }

  public byte[] masterKey() {
    return masterKey.clone();
  }

  public Path dataDir() {
    return dataDir;
  }

  public Duration purgeGrace() {
    return purgeGrace;
  }

  public Duration purgeInterval() {
    return purgeInterval;
  }

  public String nodeId() {
    return nodeId;
  }

  public Duration jwtClockSkew() {
    return jwtClockSkew;
  }

  public Duration meteringWindow() {
    return meteringWindow;
  }

  public Duration meteringFlushInterval() {
    return meteringFlushInterval;
  }

  public String jwksUrl() {
    return keycloakBaseUrl() + "/realms/" + realm + "/protocol/openid-connect/certs";
  }
}
