package io.vigil.cli;

import io.vigil.ingest.IngestConfig;
import io.vigil.ingest.gateway.IngestGateway;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil ingest}: the HTTP ingest gateway — JSON events for any language and OTLP/HTTP for
 * OpenTelemetry SDKs — answering only after Kafka acknowledged every record.
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Run the ingest gateway: POST /v1/events/{topic} (JSON validated against the topic's Avro"
            + " schema) and OTLP/HTTP /v1/traces|metrics|logs; /health, /metrics. API keys come"
            + " from VIGIL_INGEST_API_KEYS. Keys: `vigil config --component ingest`.")
final class IngestCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--host", description = "Bind address (default 127.0.0.1).")
  String host;

  @Option(names = "--port", description = "Port (default 4318, the OTLP/HTTP port).")
  Integer port;

  @Option(names = "--no-auth", description = "Accept requests without an API key (dev only).")
  boolean noAuth;

  @Override
  public Integer call() throws Exception {
    Map<String, String> overrides = new HashMap<>(options.overrides());
    if (host != null) {
      overrides.put(IngestConfig.GATEWAY_HOST_CONFIG, host);
    }
    if (port != null) {
      overrides.put(IngestConfig.GATEWAY_PORT_CONFIG, port.toString());
    }
    if (noAuth) {
      overrides.put(IngestConfig.GATEWAY_AUTH_ENABLED_CONFIG, "false");
    }
    IngestConfig config =
        IngestConfig.load(Optional.ofNullable(options.configFile), System.getenv(), overrides);
    IngestGateway gateway = IngestGateway.start(config);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "ingest gateway listening on %s (JSON /v1/events/{topic}, OTLP /v1/traces|metrics|logs)%n",
        gateway.url());
    Foreground.runUntilStopped("ingest gateway", gateway, out);
    return 0;
  }
}
