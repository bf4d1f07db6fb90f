package io.vigil.schemas.serde;

import io.vigil.schemas.registry.RegistryClientConfig;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Serde settings, with Confluent's property names. The registry client settings ({@code
 * schema.registry.url}, {@code basic.auth.*}, ...) are read from the same map by {@link
 * RegistryClientConfig}; unknown keys are ignored, so a whole client config map can be passed.
 */
public final class AvroSerdeConfig extends AbstractConfig {

  /** See {@link RegistryClientConfig#SCHEMA_REGISTRY_URL_CONFIG}. */
  public static final String SCHEMA_REGISTRY_URL_CONFIG =
      RegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG;

  /** See {@link RegistryClientConfig#BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG}. */
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG =
      RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG;

  /** See {@link RegistryClientConfig#BASIC_AUTH_USER_INFO_CONFIG}. */
  public static final String BASIC_AUTH_USER_INFO_CONFIG =
      RegistryClientConfig.BASIC_AUTH_USER_INFO_CONFIG;

  /** Register the record's schema under the subject when serializing (default true). */
  public static final String AUTO_REGISTER_SCHEMAS_CONFIG = "auto.register.schemas";

  /**
   * Without auto-registration, write with the subject's latest version instead of looking the
   * record's schema up (default false). The record's schema must then encode identically.
   */
  public static final String USE_LATEST_VERSION_CONFIG = "use.latest.version";

  /**
   * Let the generic deserializer return generated (specific) records, found by the writer schema's
   * full name (default false).
   */
  public static final String SPECIFIC_AVRO_READER_CONFIG = "specific.avro.reader";

  /** Generated class the specific deserializer reads keys into. */
  public static final String SPECIFIC_AVRO_KEY_TYPE_CONFIG = "specific.avro.key.type";

  /** Generated class the specific deserializer reads values into. */
  public static final String SPECIFIC_AVRO_VALUE_TYPE_CONFIG = "specific.avro.value.type";

  /**
   * Generic records use Avro's logical-type conversions (BigDecimal, Instant, UUID, ...) instead of
   * the raw bytes/long/string (default false).
   */
  public static final String AVRO_USE_LOGICAL_TYPE_CONVERTERS_CONFIG =
      "avro.use.logical.type.converters";

  /** Parses the serde settings of a config map. */
  public AvroSerdeConfig(Map<String, ?> props) {
    super(configDef(), props, false);
  }

  /** Defaults only. */
  public static AvroSerdeConfig defaults() {
    return new AvroSerdeConfig(Map.of());
  }

  /** A new definition of the serde settings (registry client settings not included). */
  public static ConfigDef configDef() {
    return new ConfigDef()
        .define(
            AUTO_REGISTER_SCHEMAS_CONFIG,
            Type.BOOLEAN,
            true,
            Importance.MEDIUM,
            "Register the record's schema under the subject when serializing.")
        .define(
            USE_LATEST_VERSION_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.LOW,
            "Without auto-registration, serialize with the subject's latest version.")
        .define(
            SPECIFIC_AVRO_READER_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.LOW,
            "Generic deserializer returns generated classes when the writer schema names one.")
        .define(
            SPECIFIC_AVRO_KEY_TYPE_CONFIG,
            Type.CLASS,
            null,
            Importance.LOW,
            "Generated class keys are read into by the specific deserializer.")
        .define(
            SPECIFIC_AVRO_VALUE_TYPE_CONFIG,
            Type.CLASS,
            null,
            Importance.LOW,
            "Generated class values are read into by the specific deserializer.")
        .define(
            AVRO_USE_LOGICAL_TYPE_CONVERTERS_CONFIG,
            Type.BOOLEAN,
            false,
            Importance.LOW,
            "Generic records carry logical types as Java types (BigDecimal, Instant, ...).");
  }

  /** {@value #AUTO_REGISTER_SCHEMAS_CONFIG}. */
  public boolean autoRegisterSchemas() {
    return getBoolean(AUTO_REGISTER_SCHEMAS_CONFIG);
  }

  /** {@value #USE_LATEST_VERSION_CONFIG}. */
  public boolean useLatestVersion() {
    return getBoolean(USE_LATEST_VERSION_CONFIG);
  }

  /** {@value #SPECIFIC_AVRO_READER_CONFIG}. */
  public boolean specificAvroReader() {
    return getBoolean(SPECIFIC_AVRO_READER_CONFIG);
  }

  /** {@value #AVRO_USE_LOGICAL_TYPE_CONVERTERS_CONFIG}. */
  public boolean useLogicalTypeConverters() {
    return getBoolean(AVRO_USE_LOGICAL_TYPE_CONVERTERS_CONFIG);
  }

  /** The configured key or value class of the specific deserializer, or {@code null}. */
  public Class<?> specificType(boolean isKey) {
    return getClass(isKey ? SPECIFIC_AVRO_KEY_TYPE_CONFIG : SPECIFIC_AVRO_VALUE_TYPE_CONFIG);
  }
}
