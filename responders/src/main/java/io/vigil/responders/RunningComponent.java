package io.vigil.responders;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.responders.ops.HealthReport;
import java.time.Duration;
import java.util.Optional;

/**
 * A started responder or actuator: the handle the CLI keeps until shutdown. Closing it stops the
 * loop (an open transaction is aborted), the clients and the HTTP endpoints.
 */
public interface RunningComponent extends AutoCloseable {

  /** Component name, e.g. {@code firewall-responder}, {@code kubernetes-actuator}. */
  String name();

  /** What {@code /health} answers. */
  HealthReport health();

  /** Port of {@code /health} and {@code /metrics}; -1 when disabled. */
  int httpPort();

  /** The component's meters, as scraped by {@code /metrics}. */
  PrometheusMeterRegistry metrics();

  /** Waits until the component stopped by itself (fatal error) or was closed. */
  boolean awaitTermination(Duration timeout) throws InterruptedException;

  /** The fatal error that stopped the component, if any. */
  Optional<Throwable> failure();

  @Override
  void close();
}
