package io.vigil.simulator.sink;

import io.vigil.config.VigilConfig;
import io.vigil.orders.OrderEvent;
import io.vigil.schemas.catalog.Topic;
import io.vigil.simulator.GroundTruthLabel;
import io.vigil.simulator.SimulationSink;
import io.vigil.telemetry.MetricPoint;
import io.vigil.telemetry.RequestLog;
import io.vigil.telemetry.Span;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a run to Kafka: spans keyed by trace id, request logs and metrics keyed by service, order
 * events keyed by order id (Avro, Confluent wire format, through the topics' serdes), labels as
 * {@link LabelJson} keyed by entity. Each record carries {@code occurredAt} as its Kafka timestamp,
 * so topic time follows virtual time.
 *
 * <p>One idempotent producer ({@code acks=all}) batches for throughput ({@code linger.ms=20}, 256
 * KiB batches, lz4). Sends are asynchronous: the first failed send is rethrown by the next write,
 * by {@link #flush()} or by {@link #close()}, so a broken broker ends the run instead of dropping
 * records.
 */
public final class KafkaSink implements SimulationSink {
  private final Producer<byte[], byte[]> producer;
  private final SimulatorTopics topics;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final Callback callback =
      (metadata, exception) -> {
        if (exception != null) {
          failure.compareAndSet(null, exception);
        }
      };

  /** A sink writing through {@code producer}, which it closes on {@link #close()}. */
  public KafkaSink(Producer<byte[], byte[]> producer, SimulatorTopics topics) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.topics = Objects.requireNonNull(topics, "topics");
  }

  /** A sink with its own producer configured from {@code config}. */
  public static KafkaSink create(VigilConfig config, SimulatorTopics topics) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-simulator");
    props.putAll(config.producerProps());
    return new KafkaSink(
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()), topics);
  }

  @Override
  public void span(Span span) {
    send(topics.spans(), span.getTraceId(), span, span.getOccurredAt().toEpochMilli());
  }

  @Override
  public void request(RequestLog request) {
    send(topics.requests(), request.getService(), request, request.getOccurredAt().toEpochMilli());
  }

  @Override
  public void metric(MetricPoint metric) {
    send(topics.metrics(), metric.getService(), metric, metric.getOccurredAt().toEpochMilli());
  }

  @Override
  public void order(OrderEvent order) {
    send(topics.orderEvents(), order.getOrderId(), order, order.getOccurredAt().toEpochMilli());
  }

  @Override
  public void label(GroundTruthLabel label) {
    rethrow();
    producer.send(
        new ProducerRecord<>(
            topics.labels(),
            null,
            label.start().toEpochMilli(),
            label.entity().getBytes(StandardCharsets.UTF_8),
            LabelJson.toJson(label).getBytes(StandardCharsets.UTF_8)),
        callback);
  }

  private <V> void send(Topic<String, V> topic, String key, V value, long timestamp) {
    rethrow();
    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    producer.send(
        new ProducerRecord<>(topic.name(), null, timestamp, keyBytes, valueBytes), callback);
  }

  @Override
  public void flush() {
    producer.flush();
    rethrow();
  }

  /** Flushes, closes the producer, and rethrows an earlier failed send. */
  @Override
  public void close() {
    try {
      producer.flush();
    } finally {
      producer.close(Duration.ofSeconds(30));
    }
    rethrow();
  }

  private void rethrow() {
    Exception e = failure.get();
    if (e != null) {
      throw new KafkaException("simulator: a send to Kafka failed: " + e.getMessage(), e);
    }
  }
}
