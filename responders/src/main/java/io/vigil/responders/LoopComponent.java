package io.vigil.responders;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.responders.kafka.TransactionalLoop;
import io.vigil.responders.ops.HealthReport;
import io.vigil.responders.ops.OpsServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** A responder as a {@link RunningComponent}: its transactional loop and its endpoints. */
final class LoopComponent implements RunningComponent {

  private final String name;
  private final TransactionalLoop loop;
  private final OpsServer server;
  private final PrometheusMeterRegistry meters;
  private final Supplier<Map<String, Object>> details;

  LoopComponent(
      String name,
      TransactionalLoop loop,
      OpsServer server,
      PrometheusMeterRegistry meters,
      Supplier<Map<String, Object>> details) {
    this.name = name;
    this.loop = loop;
    this.server = server;
    this.meters = meters;
    this.details = details;
  }

  /**
   * The health of a loop: up while running or retrying after a transient failure; down when
   * stopped, halted or failed.
   */
  static HealthReport health(String name, TransactionalLoop loop, Map<String, Object> extra) {
    TransactionalLoop.State state = loop.state();
    boolean up =
        state == TransactionalLoop.State.RUNNING || state == TransactionalLoop.State.RETRYING;
    Map<String, Object> d = new LinkedHashMap<>(extra);
    d.put("transactions", loop.transactions());
    loop.lastCommit().ifPresent(t -> d.put("lastCommit", t.toString()));
    loop.failure().ifPresent(f -> d.put("failure", f.toString()));
    return new HealthReport(name, up, state.name(), d);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public HealthReport health() {
    return health(name, loop, details.get());
  }

  @Override
  public int httpPort() {
    return server.port();
  }

  @Override
  public PrometheusMeterRegistry metrics() {
    return meters;
  }

  @Override
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return loop.awaitTermination(timeout);
  }

  @Override
  public Optional<Throwable> failure() {
    return loop.failure();
  }

  @Override
  public void close() {
    try {
      loop.close();
    } finally {
      server.close();
      meters.close();
    }
  }
}
