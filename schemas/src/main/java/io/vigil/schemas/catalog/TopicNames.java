package io.vigil.schemas.catalog;

/** Names of Vigil's topics ({@code <domain>.<name>}), as in DESIGN.md's topic table. */
public final class TopicNames {

  /** Finished tracing spans, key traceId. */
  public static final String TELEMETRY_SPANS = "telemetry.spans";

  /** Metric data points, key service. */
  public static final String TELEMETRY_METRICS = "telemetry.metrics";

  /** API-gateway access logs, key service. */
  public static final String TELEMETRY_REQUESTS = "telemetry.requests";

  /** Order domain events, key orderId. */
  public static final String ORDERS_EVENTS = "orders.events";

  /** Saga commands to the inventory participant, key orderId. */
  public static final String SAGA_INVENTORY_COMMANDS = "saga.inventory.commands";

  /** Saga commands to the payment participant, key orderId. */
  public static final String SAGA_PAYMENT_COMMANDS = "saga.payment.commands";

  /** Participant replies, key orderId. */
  public static final String SAGA_REPLIES = "saga.replies";

  /** Order/saga status view, compacted, key orderId. */
  public static final String ORDERS_STATUS = "orders.status";

  /** Scored anomalies, key entity. */
  public static final String ANALYTICS_ANOMALIES = "analytics.anomalies";

  /** Load forecasts, key service. */
  public static final String ANALYTICS_FORECASTS = "analytics.forecasts";

  /** Model versions, compacted, key model name. */
  public static final String ANALYTICS_MODELS = "analytics.models";

  /** Firewall decisions, key target. */
  public static final String OPS_FIREWALL_COMMANDS = "ops.firewall-commands";

  /** Scaling decisions, key service. */
  public static final String OPS_SCALING_COMMANDS = "ops.scaling-commands";

  /**
   * Latest firewall decision per target, compacted, key {@code scope:target}: the firewall
   * responder's state, restored on start.
   */
  public static final String OPS_FIREWALL_DECISIONS = "ops.firewall-decisions";

  /**
   * Operator requests for firewall decisions ({@code vigil decisions add|delete}), key {@code
   * scope:target}.
   */
  public static final String OPS_FIREWALL_REQUESTS = "ops.firewall-requests";

  /**
   * Firewall audit trail (vetoes, caps, merges, expiry), key {@code scope:target} or anomaly id.
   */
  public static final String OPS_FIREWALL_AUDIT = "ops.firewall-audit";

  private TopicNames() {}
}
