package io.vigil.ingest.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.engine.ChangeEvent;
import io.debezium.engine.Header;
import io.vigil.config.VigilConfig;
import io.vigil.orders.OrderCancelled;
import io.vigil.orders.OrderEvent;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.schemas.testing.InMemorySchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class OutboxEventMapperTest {

  private static final String ID = "6a1f7c1e-6f4e-4c8a-9a53-0e5b5f0c9d11";
  private final TopicCatalog catalog =
      TopicCatalog.withClient(new InMemorySchemaRegistryClient(), VigilConfig.defaults());
  private final OutboxEventMapper mapper =
      new OutboxEventMapper(catalog, VigilConfig.defaults(), "", "orders-db");

  @Test
  void shouldBuildTheAvroEnvelopeFromTheOutboxRowWhenTheTypeIsABranch() {
    ProducerRecord<byte[], byte[]> record =
        mapper.map(
            event(
                "orders.events",
                "\"o-7\"",
                "\"{\\\"reason\\\": \\\"late\\\"}\"",
                "OrderCancelled",
                "\"2026-11-23T10:00:00.123456Z\""));

    assertThat(record.topic()).isEqualTo("orders.events");
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("o-7");
    assertThat(header(record, "id")).isEqualTo(ID);
    OrderEvent event =
        catalog
            .orderEvents()
            .valueSerde()
            .deserializer()
            .deserialize("orders.events", record.value());
    assertThat(event.getEventId()).isEqualTo(ID);
    assertThat(event.getOrderId()).isEqualTo("o-7");
    assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00.123Z"));
    assertThat(event.getPayload()).isEqualTo(new OrderCancelled("late", null));
  }

  @Test
  void shouldDeadLetterTheRowWhenTheAggregateTypeHasNoTopic() {
    ProducerRecord<byte[], byte[]> record =
        mapper.map(event("invoices.events", "\"i-1\"", "\"{}\"", "InvoiceSent", "\"x\""));

    assertThat(record.topic()).isEqualTo("invoices.events.dlq");
    assertThat(header(record, "vigil.error.message")).contains("invoices.events");
    assertThat(header(record, "vigil.source")).isEqualTo("orders-db");
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void shouldDeadLetterTheRowWhenThePayloadIsNotJson() {
    ProducerRecord<byte[], byte[]> record =
        mapper.map(event("orders.events", "\"o-1\"", "\"{oops\"", "OrderCancelled", "\"x\""));

    assertThat(record.topic()).isEqualTo("orders.events.dlq");
    assertThat(header(record, "vigil.error.message")).contains("not JSON");
    assertThat(header(record, "id")).isEqualTo(ID);
  }

  private static String header(ProducerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static ChangeEvent<String, String> event(
      String destination, String key, String value, String type, String occurredAt) {
    List<Header<String>> headers =
        List.of(
            header("id", "\"" + ID + "\""),
            header("eventType", "\"" + type + "\""),
            header("occurredAt", occurredAt));
    return new ChangeEvent<>() {
      @Override
      public String key() {
        return key;
      }

      @Override
      public String value() {
        return value;
      }

      @Override
      @SuppressWarnings("unchecked")
      public <H> List<Header<H>> headers() {
        return (List<Header<H>>) (List<?>) headers;
      }

      @Override
      public String destination() {
        return destination;
      }

      @Override
      public Integer partition() {
        return null;
      }
    };
  }

  private static Header<String> header(String key, String value) {
    return new Header<>() {
      @Override
      public String getKey() {
        return key;
      }

      @Override
      public String getValue() {
        return value;
      }
    };
  }
}
