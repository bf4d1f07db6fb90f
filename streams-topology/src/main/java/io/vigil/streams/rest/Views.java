package io.vigil.streams.rest;

import io.vigil.orders.OrderState;
import io.vigil.saga.Incident;
import io.vigil.saga.SagaState;
import io.vigil.saga.SagaTimer;
import io.vigil.saga.order.OrderData;
import io.vigil.streams.inventory.SkuReservation;
import io.vigil.streams.inventory.Stock;
import io.vigil.streams.orchestrator.OrderView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The JSON bodies of the interactive-query API (see {@code openapi.json}). */
public final class Views {

  private Views() {}

  /**
   * A saga.
   *
   * @param sagaId the saga (= order) id
   * @param sagaType the saga type
   * @param status RUNNING, COMPENSATING, COMPLETED, CANCELLED or FAILED
   * @param currentStep the step of the current (or last) command
   * @param attempt its attempt
   * @param awaitingCommandId the command whose reply is awaited, if any
   * @param timer the live timer, if any
   * @param appliedSteps steps applied or possibly applied
   * @param pendingCompensations compensations still to run
   * @param compensatedSteps compensations done
   * @param reason why it compensates, was cancelled or failed
   * @param incident what needs a human, when FAILED
   * @param order the saga data
   * @param startedAt when it started (ISO-8601)
   * @param updatedAt its last change (ISO-8601)
   * @param revision number of changes
   * @param stale whether this was read from a standby replica (may lag behind)
   */
  public record SagaView(
      String sagaId,
      String sagaType,
      String status,
      String currentStep,
      int attempt,
      String awaitingCommandId,
      TimerView timer,
      List<String> appliedSteps,
      List<String> pendingCompensations,
      List<String> compensatedSteps,
      String reason,
      IncidentView incident,
      OrderDataView order,
      String startedAt,
      String updatedAt,
      long revision,
      boolean stale) {

    /** The view of a stored saga. */
    public static SagaView of(SagaState<OrderData> s, boolean stale) {
      OrderData d = s.data();
      return new SagaView(
          s.sagaId(),
          s.sagaType(),
          s.status().name(),
          s.currentStep(),
          s.attempt(),
          s.awaitingCommandId().orElse(null),
          s.activeTimer().map(TimerView::of).orElse(null),
          s.appliedSteps(),
          s.pendingCompensations(),
          s.compensatedSteps(),
          s.reason().orElse(null),
          s.incident().map(IncidentView::of).orElse(null),
          new OrderDataView(
              d.customerId(),
              d.lines().stream().map(l -> new LineView(l.sku(), l.quantity(), null)).toList(),
              d.amount(),
              d.currency()),
          s.startedAt().toString(),
          s.updatedAt().toString(),
          s.revision(),
          stale);
    }
  }

  /**
   * A saga timer.
   *
   * @param id the timer id
   * @param kind REPLY_TIMEOUT or RETRY_BACKOFF
   * @param dueAt when it fires (ISO-8601)
   */
  public record TimerView(String id, String kind, String dueAt) {
    static TimerView of(SagaTimer t) {
      return new TimerView(t.id(), t.kind().name(), t.dueAt().toString());
    }
  }

  /**
   * The incident of a FAILED saga.
   *
   * @param step the step whose compensation failed
   * @param commandId its last command
   * @param attempts attempts made
   * @param cause the last failure
   * @param compensationsNotRun steps left compensated
   * @param summary one line for operators
   */
  public record IncidentView(
      String step,
      String commandId,
      int attempts,
      String cause,
      List<String> compensationsNotRun,
      String summary) {
    static IncidentView of(Incident i) {
      return new IncidentView(
          i.step(), i.commandId(), i.attempts(), i.cause(), i.compensationsNotRun(), i.summary());
    }
  }

  /**
   * The data of an order saga.
   *
   * @param customerId the payer
   * @param lines the lines
   * @param amount the total
   * @param currency ISO 4217 code
   */
  public record OrderDataView(
      String customerId, List<LineView> lines, BigDecimal amount, String currency) {}

  /**
   * An order line.
   *
   * @param sku the SKU
   * @param quantity units
   * @param unitPrice unit price, when known
   */
  public record LineView(String sku, int quantity, BigDecimal unitPrice) {}

  /**
   * An order and its status.
   *
   * @param orderId the order id
   * @param customerId the payer
   * @param lines the lines with prices
   * @param total the total
   * @param currency ISO 4217 code
   * @param status PENDING … COMPLETED, CANCELLED, FAILED
   * @param reason why cancelled or failed
   * @param confirmed whether ConfirmOrder was applied
   * @param placedAt when its saga started (ISO-8601)
   * @param updatedAt its last change (ISO-8601)
   * @param stale whether this was read from a standby replica
   */
  public record OrderResponse(
      String orderId,
      String customerId,
      List<LineView> lines,
      BigDecimal total,
      String currency,
      OrderState status,
      String reason,
      boolean confirmed,
      String placedAt,
      String updatedAt,
      boolean stale) {

    /** The view of a stored order. */
    public static OrderResponse of(OrderView v, boolean stale) {
      return new OrderResponse(
          v.orderId(),
          v.customerId(),
          v.lines().stream().map(l -> new LineView(l.sku(), l.quantity(), l.unitPrice())).toList(),
          v.total(),
          v.currency(),
          v.status(),
          v.reason(),
          v.confirmed(),
          Instant.ofEpochMilli(v.placedAt()).toString(),
          Instant.ofEpochMilli(v.updatedAt()).toString(),
          stale);
    }
  }

  /**
   * The stock of a SKU.
   *
   * @param sku the SKU
   * @param available units that can be reserved
   * @param reserved units reserved by orders
   * @param reservations the SKU's ledger (first {@value Queries#MAX_RESERVATIONS_SHOWN} entries)
   * @param stale whether this was read from a standby replica
   */
  public record StockView(
      String sku,
      long available,
      long reserved,
      List<ReservationView> reservations,
      boolean stale) {

    static StockView of(Stock stock, List<SkuReservation> ledger, boolean stale) {
      return new StockView(
          stock.sku(),
          stock.available(),
          stock.reserved(),
          ledger.stream()
              .map(r -> new ReservationView(r.orderId(), r.status().name(), r.quantity()))
              .toList(),
          stale);
    }
  }

  /**
   * One order's entry in a SKU's ledger.
   *
   * @param orderId the order
   * @param status RESERVED, RELEASED or REJECTED
   * @param quantity units
   */
  public record ReservationView(String orderId, String status, int quantity) {}

  /**
   * One saga in a list.
   *
   * @param sagaId the saga id
   * @param status its status
   * @param currentStep its current step
   * @param reason why cancelled or failed
   * @param updatedAt its last change (ISO-8601)
   */
  public record SagaSummary(
      String sagaId, String status, String currentStep, String reason, String updatedAt) {

    static SagaSummary of(SagaState<OrderData> s) {
      return new SagaSummary(
          s.sagaId(),
          s.status().name(),
          s.currentStep(),
          s.reason().orElse(null),
          s.updatedAt().toString());
    }
  }

  /**
   * A page of sagas, ordered by saga id.
   *
   * @param items the sagas
   * @param nextCursor cursor of the next page, {@code null} on the last one
   * @param hasMore whether sagas after this page exist
   */
  public record SagaPage(List<SagaSummary> items, String nextCursor, boolean hasMore) {}

  /**
   * The instance's health.
   *
   * @param status UP or DOWN
   * @param streamsState the Kafka Streams state
   * @param host this instance's {@code application.server}
   */
  public record Health(String status, String streamsState, String host) {}
}
