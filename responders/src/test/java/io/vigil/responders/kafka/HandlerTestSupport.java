package io.vigil.responders.kafka;

import io.vigil.config.VigilConfig;
import io.vigil.schemas.catalog.Topic;
import io.vigil.schemas.catalog.TopicCatalog;
import io.vigil.schemas.testing.InMemorySchemaRegistryClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Drives loop handlers without Kafka: records in as bytes, output captured as objects. */
abstract class HandlerTestSupport {

  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  final TopicCatalog catalog =
      TopicCatalog.withClient(new InMemorySchemaRegistryClient(), VigilConfig.defaults());
  final MutableClock clock = new MutableClock(NOW);
  private long offset;

  /** What a handler emitted. */
  record Sent(String topic, Object key, Object value) {}

  /** An emitter that records instead of sending. */
  static final class Recorder implements Emitter {
    final List<Sent> sent = new ArrayList<>();

    @Override
    public <K, V> void send(Topic<K, V> topic, K key, V value) {
      sent.add(new Sent(topic.name(), key, value));
    }

    <V> List<V> values(Topic<?, V> topic) {
      List<V> out = new ArrayList<>();
      for (Sent s : sent) {
        if (s.topic().equals(topic.name()) && s.value() != null) {
          @SuppressWarnings("unchecked")
          V v = (V) s.value();
          out.add(v);
        }
      }
      return out;
    }

    List<Sent> on(Topic<?, ?> topic) {
      return sent.stream().filter(s -> s.topic().equals(topic.name())).toList();
    }
  }

  /** The record a consumer would hand the handler. */
  <V> ConsumerRecord<byte[], byte[]> record(Topic<String, V> topic, String key, V value) {
    return new ConsumerRecord<>(
        topic.name(),
        0,
        offset++,
        topic.keySerde().serializer().serialize(topic.name(), key),
        topic.valueSerde().serializer().serialize(topic.name(), value));
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
