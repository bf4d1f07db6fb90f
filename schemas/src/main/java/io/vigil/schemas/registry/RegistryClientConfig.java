package io.vigil.schemas.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of the HTTP registry client, read from the same property map as the serdes, with
 * Confluent's property names where Confluent has one. Unknown keys are ignored, so a producer's or
 * consumer's whole config map can be passed.
 */
public final class RegistryClientConfig extends AbstractConfig {

  /** Comma-separated base URLs, tried in turn. */
  public static final String SCHEMA_REGISTRY_URL_CONFIG = "schema.registry.url";

  /** {@code URL} (credentials from the URL's userinfo) or {@code USER_INFO}. */
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG = "basic.auth.credentials.source";

  /** {@code user:password} used when the credentials source is {@code USER_INFO}. */
  public static final String BASIC_AUTH_USER_INFO_CONFIG = "basic.auth.user.info";

  /** Alternative name of {@link #BASIC_AUTH_USER_INFO_CONFIG}, as Confluent accepts it. */
  public static final String SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_CONFIG =
      "schema.registry.basic.auth.user.info";

  /** TCP connect timeout of one attempt, in milliseconds. */
  public static final String CONNECT_TIMEOUT_MS_CONFIG = "schema.registry.connect.timeout.ms";

  /** Timeout of one request attempt (response headers included), in milliseconds. */
  public static final String REQUEST_TIMEOUT_MS_CONFIG = "schema.registry.request.timeout.ms";

  /** Retries after the first attempt, for connect failures, timeouts, 429 and 5xx. */
  public static final String MAX_RETRIES_CONFIG = "max.retries";

  /** Wait before the first retry, doubled for each further retry, in milliseconds. */
  public static final String RETRIES_WAIT_MS_CONFIG = "retries.wait.ms";

  /** Cap of one wait between retries, in milliseconds. */
  public static final String RETRIES_MAX_WAIT_MS_CONFIG = "retries.max.wait.ms";

  /** No retry starts once it would end later than this after the first attempt, in ms. */
  public static final String RETRIES_MAX_ELAPSED_MS_CONFIG =
      "schema.registry.retries.max.elapsed.ms";

  /** Credentials source: from the URL userinfo. */
  public static final String SOURCE_URL = "URL";

  /** Credentials source: from {@link #BASIC_AUTH_USER_INFO_CONFIG}. */
  public static final String SOURCE_USER_INFO = "USER_INFO";

  private final List<RegistryEndpoint> endpoints;

  /**
   * Parses and validates the settings.
   *
   * @throws ConfigException naming the offending key
   */
  public RegistryClientConfig(Map<String, ?> props) {
    super(configDef(), props, false);
    this.endpoints = parseEndpoints(getList(SCHEMA_REGISTRY_URL_CONFIG));
    if (SOURCE_USER_INFO.equals(getString(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG))
        && configuredUserInfo().isEmpty()) {
      throw new ConfigException(
          BASIC_AUTH_USER_INFO_CONFIG,
          "(empty)",
          "required (user:password) when "
              + BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG
              + "="
              + SOURCE_USER_INFO);
    }
  }

  /** Settings for the given comma-separated URL(s) and defaults for everything else. */
  public static RegistryClientConfig forUrl(String urls) {
    return new RegistryClientConfig(Map.of(SCHEMA_REGISTRY_URL_CONFIG, urls));
  }

  /** A new definition of the client settings, with documentation and defaults. */
  public static ConfigDef configDef() {
    RetryPolicy d = RetryPolicy.DEFAULT;
    return new ConfigDef()
        .define(
            SCHEMA_REGISTRY_URL_CONFIG,
            Type.LIST,
            ConfigDef.NO_DEFAULT_VALUE,
            ConfigDef.LambdaValidator.with(
                (name, value) -> {
                  if (value instanceof List<?> l && l.isEmpty()) {
                    throw new ConfigException(name, value, "at least one URL is required");
                  }
                },
                () -> "non-empty list of http(s) URLs"),
            Importance.HIGH,
            "Comma-separated Schema Registry base URLs, tried in turn; may carry user:password@.")
        .define(
            BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG,
            Type.STRING,
            SOURCE_URL,
            ValidString.in(SOURCE_URL, SOURCE_USER_INFO),
            Importance.MEDIUM,
            "Where basic-auth credentials come from: URL (the URL's userinfo) or USER_INFO ("
                + BASIC_AUTH_USER_INFO_CONFIG
                + ").")
        .define(
            BASIC_AUTH_USER_INFO_CONFIG,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            "Basic-auth credentials user:password, used with USER_INFO.")
        .define(
            SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_CONFIG,
            Type.PASSWORD,
            null,
            Importance.LOW,
            "Alternative name of " + BASIC_AUTH_USER_INFO_CONFIG + ".")
        .define(
            CONNECT_TIMEOUT_MS_CONFIG,
            Type.INT,
            2_000,
            ConfigDef.Range.atLeast(1),
            Importance.LOW,
            "TCP connect timeout of one attempt, in milliseconds.")
        .define(
            REQUEST_TIMEOUT_MS_CONFIG,
            Type.INT,
            10_000,
            ConfigDef.Range.atLeast(1),
            Importance.LOW,
            "Timeout of one request attempt, in milliseconds.")
        .define(
            MAX_RETRIES_CONFIG,
            Type.INT,
            d.maxRetries(),
            ConfigDef.Range.atLeast(0),
            Importance.LOW,
            "Retries after the first attempt, on connect failures, timeouts, HTTP 429 and 5xx.")
        .define(
            RETRIES_WAIT_MS_CONFIG,
            Type.INT,
            (int) d.initialBackoff().toMillis(),
            ConfigDef.Range.atLeast(0),
            Importance.LOW,
            "Wait before the first retry in milliseconds; doubles for each further retry.")
        .define(
            RETRIES_MAX_WAIT_MS_CONFIG,
            Type.INT,
            (int) d.maxBackoff().toMillis(),
            ConfigDef.Range.atLeast(0),
            Importance.LOW,
            "Cap of one wait between retries, in milliseconds.")
        .define(
            RETRIES_MAX_ELAPSED_MS_CONFIG,
            Type.INT,
            (int) d.maxElapsed().toMillis(),
            ConfigDef.Range.atLeast(0),
            Importance.LOW,
            "No retry starts once it would end later than this after the first attempt (ms).");
  }

  private static List<RegistryEndpoint> parseEndpoints(List<String> urls) {
    List<RegistryEndpoint> result = new ArrayList<>();
    for (String url : urls) {
      try {
        result.add(RegistryEndpoint.parse(url));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(SCHEMA_REGISTRY_URL_CONFIG + ": " + e.getMessage());
      }
    }
    return List.copyOf(result);
  }

  private Optional<String> configuredUserInfo() {
    Password primary = getPassword(BASIC_AUTH_USER_INFO_CONFIG);
    Password alias = getPassword(SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO_CONFIG);
    Password chosen = primary != null ? primary : alias;
    return chosen == null || chosen.value().isBlank()
        ? Optional.empty()
        : Optional.of(chosen.value());
  }

  /** Base URLs in the order they are tried. */
  public List<RegistryEndpoint> endpoints() {
    return endpoints;
  }

  /**
   * The {@code user:password} to send to the given endpoint, if any: the configured user info with
   * {@code USER_INFO}, otherwise the endpoint URL's own userinfo.
   */
  public Optional<String> credentialsFor(RegistryEndpoint endpoint) {
    if (SOURCE_USER_INFO.equals(getString(BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG))) {
      return configuredUserInfo();
    }
    return endpoint.urlUserInfo();
  }

  /** Connect timeout of one attempt. */
  public Duration connectTimeout() {
    return Duration.ofMillis(getInt(CONNECT_TIMEOUT_MS_CONFIG));
  }

  /** Timeout of one request attempt. */
  public Duration requestTimeout() {
    return Duration.ofMillis(getInt(REQUEST_TIMEOUT_MS_CONFIG));
  }

  /** The retry policy built from the retry settings. */
  public RetryPolicy retryPolicy() {
    return new RetryPolicy(
        getInt(MAX_RETRIES_CONFIG),
        Duration.ofMillis(getInt(RETRIES_WAIT_MS_CONFIG)),
        Duration.ofMillis(getInt(RETRIES_MAX_WAIT_MS_CONFIG)),
        Duration.ofMillis(getInt(RETRIES_MAX_ELAPSED_MS_CONFIG)));
  }
}
