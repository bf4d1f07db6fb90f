package io.vigil.ingest.cdc;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * One PostgreSQL database the CDC relay reads, from the keys {@code vigil.cdc.source.<name>.*}.
 * Only {@value #JDBC_URL_CONFIG} is required; the replication slot and publication are named after
 * the source so that two relays (or two sources) never share one.
 */
public final class CdcSourceConfig extends AbstractConfig {

  /** JDBC URL of the database, {@code jdbc:postgresql://host:port/database}. */
  public static final String JDBC_URL_CONFIG = "jdbc.url";

  /** Database user with the REPLICATION attribute (or superuser). */
  public static final String USER_CONFIG = "user";

  /** Password of the user. */
  public static final String PASSWORD_CONFIG = "password";

  /** Outbox table, {@code schema.table}. */
  public static final String TABLE_CONFIG = "table";

  /** Table the heartbeat action query writes to, {@code schema.table}; created when missing. */
  public static final String HEARTBEAT_TABLE_CONFIG = "heartbeat.table";

  /** Logical replication slot. */
  public static final String SLOT_NAME_CONFIG = "slot.name";

  /** Publication of the outbox and heartbeat tables. */
  public static final String PUBLICATION_NAME_CONFIG = "publication.name";

  private static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(
              JDBC_URL_CONFIG,
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              "JDBC URL of the source database, jdbc:postgresql://host:port/database.")
          .define(
              USER_CONFIG,
              Type.STRING,
              "postgres",
              Importance.HIGH,
              "User with the REPLICATION attribute and rights on the outbox table.")
          .define(
              PASSWORD_CONFIG,
              Type.PASSWORD,
              "",
              Importance.HIGH,
              "Password; prefer the environment variable VIGIL_CDC_SOURCE_<NAME>_PASSWORD.")
          .define(
              TABLE_CONFIG,
              Type.STRING,
              "public.outbox",
              Importance.MEDIUM,
              "Outbox table (id uuid, aggregatetype, aggregateid, type, payload jsonb,"
                  + " occurred_at timestamptz).")
          .define(
              HEARTBEAT_TABLE_CONFIG,
              Type.STRING,
              "public.vigil_heartbeat",
              Importance.LOW,
              "Table the heartbeat query upserts into, so the slot advances on an idle outbox;"
                  + " created at start when missing.")
          .define(
              SLOT_NAME_CONFIG,
              Type.STRING,
              null,
              Importance.MEDIUM,
              "Replication slot; default vigil_<source>.")
          .define(
              PUBLICATION_NAME_CONFIG,
              Type.STRING,
              null,
              Importance.MEDIUM,
              "Publication (created filtered to the two tables); default vigil_<source>.");

  private final String name;
  private final URI location;

  /**
   * @param name source name (from {@code vigil.cdc.sources})
   * @param values the source's keys without the {@code vigil.cdc.source.<name>.} prefix
   * @throws ConfigException naming the source and key of an invalid value
   */
  public CdcSourceConfig(String name, Map<String, ?> values) {
    super(DEFINITION, values, false);
    this.name = Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw new ConfigException("CDC source name '" + name + "' may use letters, digits, _ and -");
    }
    String url = getString(JDBC_URL_CONFIG);
    if (!url.startsWith("jdbc:postgresql://")) {
      throw new ConfigException(
          "vigil.cdc.source." + name + "." + JDBC_URL_CONFIG + " must be jdbc:postgresql://...");
    }
    this.location = URI.create(url.substring("jdbc:".length()));
    if (location.getHost() == null
        || location.getPath() == null
        || location.getPath().length() < 2) {
      throw new ConfigException(
          "vigil.cdc.source." + name + "." + JDBC_URL_CONFIG + " needs a host and a database");
    }
  }

  /** The keys of a source, documented. */
  public static ConfigDef configDef() {
    return DEFINITION;
  }

  /** Source name. */
  public String name() {
    return name;
  }

  /** JDBC URL. */
  public String jdbcUrl() {
    return getString(JDBC_URL_CONFIG);
  }

  /** Database host. */
  public String host() {
    return location.getHost();
  }

  /** Database port (5432 when the URL has none). */
  public int port() {
    return location.getPort() < 0 ? 5432 : location.getPort();
  }

  /** Database name. */
  public String database() {
    return location.getPath().substring(1);
  }

  /** User. */
  public String user() {
    return getString(USER_CONFIG);
  }

  /** Password (may be empty). */
  public String password() {
    Password password = getPassword(PASSWORD_CONFIG);
    return password == null ? "" : password.value();
  }

  /** Outbox table as {@code schema.table}. */
  public String table() {
    return qualified(getString(TABLE_CONFIG));
  }

  /** Heartbeat table as {@code schema.table}. */
  public String heartbeatTable() {
    return qualified(getString(HEARTBEAT_TABLE_CONFIG));
  }

  /** Replication slot name. */
  public String slotName() {
    String slot = getString(SLOT_NAME_CONFIG);
    return slot != null ? slot : "vigil_" + sanitized();
  }

  /** Publication name. */
  public String publicationName() {
    String publication = getString(PUBLICATION_NAME_CONFIG);
    return publication != null ? publication : "vigil_" + sanitized();
  }

  private String sanitized() {
    return name.toLowerCase(Locale.ROOT).replace('-', '_');
  }

  private static String qualified(String table) {
    if (!table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
      throw new ConfigException("Not a table name: " + table);
    }
    return table.contains(".") ? table : "public." + table;
  }
}
