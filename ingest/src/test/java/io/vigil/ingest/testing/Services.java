package io.vigil.ingest.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.ingest.IngestConfig;
import io.vigil.ingest.gateway.GatewayRequest;
import io.vigil.ingest.gateway.IngestService;
import io.vigil.ingest.topics.EventTopics;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.schemas.testing.InMemorySchemaRegistryClient;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** An {@link IngestService} on an in-memory registry and sink, for unit and fuzz tests. */
public final class Services {

  private Services() {}

  /** A service with the given settings over the defaults (topics: the default four). */
  public static IngestService service(InMemorySink sink, Map<String, String> settings) {
    IngestConfig config = new IngestConfig(settings);
    TopicCatalog catalog = TopicCatalog.withClient(new InMemorySchemaRegistryClient(), config);
    return new IngestService(
        config,
        EventTopics.of(config.gatewayTopics(), catalog, config),
        catalog.spans(),
        catalog.metrics(),
        catalog.requests(),
        sink,
        new SimpleMeterRegistry(),
        Clock.systemUTC());
  }

  /** A request with a body and headers (name, value, ...), names matched case-insensitively. */
  public static GatewayRequest request(byte[] body, String... headers) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i].toLowerCase(Locale.ROOT), headers[i + 1]);
    }
    return new GatewayRequest(
        name -> map.get(name.toLowerCase(Locale.ROOT)), new ByteArrayInputStream(body));
  }
}
