package io.vigil.config;

import io.vigil.schemas.registry.RegistryClientConfig;
import io.vigil.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Vigil's shared configuration: where Kafka and the Schema Registry are and how topics are created.
 * Every key is defined once, with its documentation and a default pointing at localhost, in {@link
 * #configDef()}.
 *
 * <p>Values come from, in increasing precedence: the defaults, one properties file, environment
 * variables ({@code vigil.kafka.bootstrap.servers} is overridden by {@code
 * VIGIL_KAFKA_BOOTSTRAP_SERVERS}: upper case, dots and dashes become underscores; only defined keys
 * are read from the environment), and explicit overrides (e.g. command-line options). Keys under
 * {@value #KAFKA_CLIENT_PREFIX} (from the file or overrides) are passed to every Kafka client
 * without the prefix, e.g. {@code vigil.kafka.client.security.protocol=SASL_SSL}.
 *
 * <p>Modules with settings of their own extend this class with {@link #VigilConfig(ConfigDef, Map)}
 * and a definition built on {@link #configDef()}.
 */
public class VigilConfig extends AbstractConfig {

  /** Kafka bootstrap servers. */
  public static final String KAFKA_BOOTSTRAP_SERVERS_CONFIG = "vigil.kafka.bootstrap.servers";

  /** Schema Registry base URL(s), comma-separated. */
  public static final String SCHEMA_REGISTRY_URL_CONFIG = "vigil.schema.registry.url";

  /** Schema Registry basic-auth credentials {@code user:password}. */
  public static final String SCHEMA_REGISTRY_USER_INFO_CONFIG = "vigil.schema.registry.user.info";

  /** Whether serializers register schemas that are not registered yet. */
  public static final String SCHEMA_REGISTRY_AUTO_REGISTER_CONFIG =
      "vigil.schema.registry.auto.register";

  /** Partitions of every topic Vigil creates. */
  public static final String TOPIC_PARTITIONS_CONFIG = "vigil.topic.partitions";

  /** Replication factor of every topic Vigil creates. */
  public static final String TOPIC_REPLICATION_FACTOR_CONFIG = "vigil.topic.replication.factor";

  /** Prefix of settings passed to every Kafka client (producer, consumer, admin). */
  public static final String KAFKA_CLIENT_PREFIX = "vigil.kafka.client.";

  /** Default of {@value #KAFKA_BOOTSTRAP_SERVERS_CONFIG}. */
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

  /** Default of {@value #SCHEMA_REGISTRY_URL_CONFIG}. */
  public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://localhost:8081";

  /** Parses and validates the given values against {@link #configDef()}. */
  public VigilConfig(Map<?, ?> values) {
    this(configDef(), values);
  }

  /**
   * For subclasses with more keys.
   *
   * @param definition {@link #configDef()} plus the subclass's keys
   */
  protected VigilConfig(ConfigDef definition, Map<?, ?> values) {
    super(definition, values, false);
  }

  /** All defaults. */
  public static VigilConfig defaults() {
    return new VigilConfig(Map.of());
  }

  /**
   * Loads the configuration from the file (if any), the environment and the overrides.
   *
   * @param file properties file; must exist when given
   * @param env environment, usually {@code System.getenv()}
   * @param overrides highest-precedence values
   * @throws ConfigException naming the key of an invalid value, or the file that cannot be read
   */
  public static VigilConfig load(
      Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
    return new VigilConfig(resolve(configDef(), file, env, overrides));
  }

  /**
   * The merged raw values for a definition: file, then environment variables of the defined keys
   * ({@link #envName}), then overrides. Subclasses use it to load their own definition.
   */
  public static Map<String, String> resolve(
      ConfigDef definition,
      Optional<Path> file,
      Map<String, String> env,
      Map<String, String> overrides) {
    Map<String, String> values = new HashMap<>();
    file.ifPresent(path -> values.putAll(readProperties(path)));
    for (String key : definition.names()) {
      String fromEnv = env.get(envName(key));
      if (fromEnv != null) {
        values.put(key, fromEnv);
      }
    }
    values.putAll(overrides);
    return values;
  }

  /** The environment variable overriding a key: upper case, dots and dashes as underscores. */
  public static String envName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static Map<String, String> readProperties(Path path) {
    if (!Files.isRegularFile(path)) {
      throw new ConfigException("Vigil configuration file " + path + " does not exist");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new ConfigException("Cannot read Vigil configuration file " + path + ": " + e);
    }
    Map<String, String> values = new HashMap<>();
    properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k).trim()));
    return values;
  }

  /** A new definition of Vigil's shared keys, with documentation and defaults. */
  public static ConfigDef configDef() {
    return new ConfigDef()
        .define(
            KAFKA_BOOTSTRAP_SERVERS_CONFIG,
            Type.STRING,
            DEFAULT_BOOTSTRAP_SERVERS,
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "Kafka bootstrap servers, host:port[,host:port...].")
        .define(
            SCHEMA_REGISTRY_URL_CONFIG,
            Type.STRING,
            DEFAULT_SCHEMA_REGISTRY_URL,
            new ConfigDef.NonEmptyString(),
            Importance.HIGH,
            "Schema Registry (Confluent REST API) base URL(s), comma-separated, tried in turn.")
        .define(
            SCHEMA_REGISTRY_USER_INFO_CONFIG,
            Type.PASSWORD,
            null,
            Importance.MEDIUM,
            "Schema Registry basic-auth credentials user:password; none when unset. Prefer the"
                + " environment variable VIGIL_SCHEMA_REGISTRY_USER_INFO to a file.")
        .define(
            SCHEMA_REGISTRY_AUTO_REGISTER_CONFIG,
            Type.BOOLEAN,
            true,
            Importance.LOW,
            "Serializers register schemas that are not registered yet; turn off where schemas"
                + " are registered by a release step.")
        .define(
            TOPIC_PARTITIONS_CONFIG,
            Type.INT,
            3,
            Range.atLeast(1),
            Importance.MEDIUM,
            "Partitions of every topic Vigil creates.")
        .define(
            TOPIC_REPLICATION_FACTOR_CONFIG,
            Type.SHORT,
            (short) 1,
            Range.atLeast(1),
            Importance.MEDIUM,
            "Replication factor of every topic Vigil creates; 3 on a production cluster.");
  }

  /** The documented keys and defaults as reStructuredText, for {@code vigil config --help}. */
  public static String documentation() {
    return configDef().toRst();
  }

  /** {@value #KAFKA_BOOTSTRAP_SERVERS_CONFIG}. */
  public String bootstrapServers() {
    return getString(KAFKA_BOOTSTRAP_SERVERS_CONFIG);
  }

  /** {@value #SCHEMA_REGISTRY_URL_CONFIG}. */
  public String schemaRegistryUrl() {
    return getString(SCHEMA_REGISTRY_URL_CONFIG);
  }

  /** {@value #SCHEMA_REGISTRY_USER_INFO_CONFIG}, if set. */
  public Optional<String> schemaRegistryUserInfo() {
    Password password = getPassword(SCHEMA_REGISTRY_USER_INFO_CONFIG);
    return password == null || password.value().isBlank()
        ? Optional.empty()
        : Optional.of(password.value());
  }

  /** {@value #TOPIC_PARTITIONS_CONFIG}. */
  public int partitions() {
    return getInt(TOPIC_PARTITIONS_CONFIG);
  }

  /** {@value #TOPIC_REPLICATION_FACTOR_CONFIG}. */
  public short replicationFactor() {
    return getShort(TOPIC_REPLICATION_FACTOR_CONFIG);
  }

  /** Settings for every Kafka client: bootstrap servers plus the pass-through settings. */
  public Map<String, Object> commonClientProps() {
    Map<String, Object> props = new HashMap<>(originalsWithPrefix(KAFKA_CLIENT_PREFIX));
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return props;
  }

  /** Producer settings: idempotent, {@code acks=all}; serializers come from the topic catalog. */
  public Map<String, Object> producerProps() {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.putAll(commonClientProps());
    return props;
  }

  /**
   * Consumer settings: the given group, manual commits, {@code read_committed} (Vigil's producers
   * are transactional), from the earliest offset when the group has none.
   */
  public Map<String, Object> consumerProps(String groupId) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.putAll(commonClientProps());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, Objects.requireNonNull(groupId, "groupId"));
    return props;
  }

  /** Admin client settings. */
  public Map<String, Object> adminProps() {
    Map<String, Object> props = new HashMap<>(commonClientProps());
    props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "vigil-admin");
    return props;
  }

  /**
   * Serde and registry client settings with Confluent's names ({@code schema.registry.url}, {@code
   * basic.auth.*}, {@code auto.register.schemas}), for the serdes and {@link
   * io.vigil.schemas.registry.SchemaRegistryClients#create}.
   */
  public Map<String, Object> serdeConfig() {
    Map<String, Object> props = new HashMap<>();
    props.put(RegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, schemaRegistryUrl());
    props.put(
        AvroSerdeConfig.AUTO_REGISTER_SCHEMAS_CONFIG,
        getBoolean(SCHEMA_REGISTRY_AUTO_REGISTER_CONFIG));
    schemaRegistryUserInfo()
        .ifPresent(
            userInfo -> {
              props.put(
                  RegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE_CONFIG,
                  RegistryClientConfig.SOURCE_USER_INFO);
              props.put(RegistryClientConfig.BASIC_AUTH_USER_INFO_CONFIG, userInfo);
            });
    return props;
  }
}
