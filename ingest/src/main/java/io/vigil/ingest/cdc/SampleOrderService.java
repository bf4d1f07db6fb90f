package io.vigil.ingest.cdc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.orders.OrderCancelled;
import io.vigil.orders.OrderConfirmed;
import io.vigil.orders.OrderPlaced;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.Schema;

/**
 * A tiny order service in the outbox style (CONVENTIONS.md #9): every change of an order and the
 * event announcing it are written in one database transaction, so the event exists if and only if
 * the change does. The CDC relay publishes the outbox rows to {@code orders.events}. Used by the
 * tests and the demo; it keeps one JDBC connection and is not thread-safe.
 *
 * <p>Event types are the names of {@code OrderEvent}'s payload branches, taken from the generated
 * classes, so the outbox {@code type} always names a branch the relay can decode.
 */
public final class SampleOrderService implements AutoCloseable {

  /** Outbox {@code aggregatetype} of orders: events go to {@code orders.events}. */
  public static final String AGGREGATE_TYPE = "orders";

  /** Classpath location of the schema (orders, outbox, heartbeat tables). */
  public static final String SCHEMA_RESOURCE = "/sample/order-service.sql";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Connection connection;
  private final Clock clock;

  private SampleOrderService(Connection connection, Clock clock) {
    this.connection = connection;
    this.clock = clock;
  }

  /**
   * Connects to the database.
   *
   * @throws SQLException if it cannot be reached
   */
  public static SampleOrderService connect(String jdbcUrl, String user, String password)
      throws SQLException {
    Properties credentials = new Properties();
    credentials.setProperty("user", user);
    credentials.setProperty("password", password);
    Connection connection = DriverManager.getConnection(jdbcUrl, credentials);
    connection.setAutoCommit(false);
    return new SampleOrderService(connection, Clock.systemUTC());
  }

  /** The schema's SQL ({@value #SCHEMA_RESOURCE}). */
  public static String schemaSql() {
    try (InputStream in = SampleOrderService.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + SCHEMA_RESOURCE, e);
    }
  }

  /** Creates the tables when missing. */
  public void createSchema() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(schemaSql());
    }
    connection.commit();
  }

  /** An order line. */
  public record Line(String sku, int quantity, BigDecimal unitPrice) {
    /** Validates the line. */
    public Line {
      Objects.requireNonNull(sku, "sku");
      if (quantity <= 0) {
        throw new IllegalArgumentException("quantity must be positive: " + quantity);
      }
      unitPrice = unitPrice.setScale(2, RoundingMode.UNNECESSARY);
    }
  }

  /**
   * What a write produced.
   *
   * @param orderId the order (aggregate id)
   * @param eventId the outbox row's id, the event id consumers deduplicate by
   */
  public record Written(String orderId, String eventId) {}

  /** Places an order: inserts it and an {@code OrderPlaced} event in one transaction. */
  public Written placeOrder(String customerId, List<Line> lines, String currency)
      throws SQLException {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("An order needs at least one line");
    }
    String orderId = UUID.randomUUID().toString();
    BigDecimal total =
        lines.stream()
            .map(l -> l.unitPrice().multiply(BigDecimal.valueOf(l.quantity())))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    ObjectNode payload = JSON.createObjectNode();
    payload.put("customerId", customerId);
    ArrayNode items = payload.putArray("lines");
    for (Line line : lines) {
      items
          .addObject()
          .put("sku", line.sku())
          .put("quantity", line.quantity())
          .put("unitPrice", line.unitPrice().toPlainString());
    }
    payload.put("total", total.toPlainString());
    payload.put("currency", currency);
    return inTransaction(
        () -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO orders (id, customer_id, status, total, currency) VALUES (?, ?,"
                      + " 'PLACED', ?, ?)")) {
            insert.setString(1, orderId);
            insert.setString(2, customerId);
            insert.setBigDecimal(3, total);
            insert.setString(4, currency);
            insert.executeUpdate();
          }
          return outbox(orderId, OrderPlaced.getClassSchema(), payload);
        });
  }

  /** Confirms an order: updates it and writes an {@code OrderConfirmed} event. */
  public Written confirmOrder(String orderId, String sagaId) throws SQLException {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("sagaId", sagaId);
    return changeStatus(orderId, "CONFIRMED", OrderConfirmed.getClassSchema(), payload);
  }

  /** Cancels an order: updates it and writes an {@code OrderCancelled} event. */
  public Written cancelOrder(String orderId, String reason) throws SQLException {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("reason", reason);
    return changeStatus(orderId, "CANCELLED", OrderCancelled.getClassSchema(), payload);
  }

  private Written changeStatus(String orderId, String status, Schema event, ObjectNode payload)
      throws SQLException {
    return inTransaction(
        () -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE orders SET status = ?, updated_at = now() WHERE id = ?")) {
            update.setString(1, status);
            update.setString(2, orderId);
            if (update.executeUpdate() != 1) {
              throw new SQLException("No order " + orderId);
            }
          }
          return outbox(orderId, event, payload);
        });
  }

  private Written outbox(String orderId, Schema event, ObjectNode payload) throws SQLException {
    UUID eventId = UUID.randomUUID();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload, occurred_at)"
                + " VALUES (?, ?, ?, ?, ?::jsonb, ?)")) {
      insert.setObject(1, eventId);
      insert.setString(2, AGGREGATE_TYPE);
      insert.setString(3, orderId);
      insert.setString(4, event.getName());
      insert.setString(5, payload.toString());
      insert.setObject(6, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
      insert.executeUpdate();
    }
    return new Written(orderId, eventId.toString());
  }

  @FunctionalInterface
  private interface Work {
    Written run() throws SQLException;
  }

  private Written inTransaction(Work work) throws SQLException {
    try {
      Written written = work.run();
      connection.commit();
      return written;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }

  /** Closes the connection. */
  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
