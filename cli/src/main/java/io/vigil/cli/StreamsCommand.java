package io.vigil.cli;

import io.vigil.streams.app.OrderSagaApp;
import io.vigil.streams.app.OrderSagaConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil streams}: one instance of the order-saga Kafka Streams application with its
 * interactive-query REST API. Start several with different ports and state dirs to scale out.
 */
@Command(
    name = "streams",
    mixinStandardHelpOptions = true,
    description =
        "Run one instance of the order saga (Kafka Streams, exactly-once) and its REST API"
            + " (/api/v1/sagas, /api/v1/orders, /api/v1/inventory, /health, /metrics,"
            + " /openapi.json). Keys: `vigil config --component streams`.")
final class StreamsCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--http-port", description = "REST port (default from config: 0 = free).")
  Integer httpPort;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Kafka Streams state dir.")
  Path stateDir;

  @Option(names = "--application-id", description = "Kafka Streams application.id.")
  String applicationId;

  @Override
  public Integer call() throws Exception {
    Map<String, String> overrides = new java.util.HashMap<>(options.overrides());
    if (httpPort != null) {
      overrides.put(OrderSagaConfig.HTTP_PORT_CONFIG, httpPort.toString());
    }
    if (stateDir != null) {
      overrides.put(OrderSagaConfig.STATE_DIR_CONFIG, stateDir.toString());
    }
    if (applicationId != null) {
      overrides.put(OrderSagaConfig.APPLICATION_ID_CONFIG, applicationId);
    }
    OrderSagaConfig config =
        OrderSagaConfig.load(Optional.ofNullable(options.configFile), System.getenv(), overrides);
    OrderSagaApp app = OrderSagaApp.start(config, config.settings());
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "order saga running as %s; REST API http://%s:%d/api/v1 (OpenAPI at /openapi.json)%n",
        config.settings().applicationId(), app.hostInfo().host(), app.httpPort());
    Foreground.runUntilStopped("order saga", app, out);
    return 0;
  }
}
