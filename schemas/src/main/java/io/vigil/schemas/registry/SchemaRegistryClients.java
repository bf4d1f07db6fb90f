package io.vigil.schemas.registry;

import java.util.Map;

/** Factories of ready-to-use registry clients: HTTP with retries, behind a cache. */
public final class SchemaRegistryClients {

  private SchemaRegistryClients() {}

  /**
   * A caching HTTP client configured from a property map with Confluent's names ({@code
   * schema.registry.url}, {@code basic.auth.credentials.source}, {@code basic.auth.user.info}, ...
   * see {@link RegistryClientConfig}).
   *
   * @throws org.apache.kafka.common.config.ConfigException naming the offending key
   */
  public static SchemaRegistryClient create(Map<String, ?> config) {
    return create(new RegistryClientConfig(config));
  }

  /** A caching HTTP client for the given settings. */
  public static SchemaRegistryClient create(RegistryClientConfig config) {
    return new CachedSchemaRegistryClient(new HttpSchemaRegistryClient(config));
  }

  /** A caching HTTP client for the given comma-separated URL(s), with default settings. */
  public static SchemaRegistryClient forUrl(String urls) {
    return create(RegistryClientConfig.forUrl(urls));
  }
}
