package io.vigil.streams.poison;

import io.vigil.schemas.catalog.Topic;
import io.vigil.streams.Metrics;
import java.util.Objects;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one input topic's raw bytes with the topic's serdes and validates the result. A record
 * that does not decode (bad magic byte, unknown schema id, truncated Avro, a union branch this
 * version does not know), has no key or value, or fails the {@link InputValidator} is forwarded as
 * {@link Decoded.Poison} with the original bytes and the {@link DeadLetters} headers; the next
 * record is processed as usual.
 *
 * <p>Why decode here instead of in a {@code DeserializationExceptionHandler}: the dead-letter
 * record is then an ordinary output of the task, written in the same exactly-once transaction as
 * the consumed offset. Either both commit or neither does, so a poison record is neither lost nor
 * dead-lettered twice, and the DLQ topic can be per input topic.
 *
 * @param <V> the value type
 */
public final class DecodeProcessor<V> implements Processor<byte[], byte[], String, Decoded<V>> {

  private static final Logger LOG = LoggerFactory.getLogger(DecodeProcessor.class);

  private final Topic<String, V> topic;
  private final InputValidator<V> validator;
  private ProcessorContext<String, Decoded<V>> context;
  private Sensor deadLettered;

  public DecodeProcessor(Topic<String, V> topic, InputValidator<V> validator) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.validator = Objects.requireNonNull(validator, "validator");
  }

  @Override
  public void init(ProcessorContext<String, Decoded<V>> context) {
    this.context = context;
    this.deadLettered = Metrics.counter(context, "dead-lettered-records");
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String key;
    V value;
    try {
      key = decodeKey(record);
      value = decodeValue(record);
      validator.validate(key, value);
    } catch (RuntimeException e) {
      RecordMetadata source = context.recordMetadata().orElseThrow();
      LOG.warn(
          "Poison record at {}-{}@{} sent to {}: {}",
          source.topic(),
          source.partition(),
          source.offset(),
          topic.dlq(),
          e.toString());
      deadLettered.record();
      context.forward(
          new Record<String, Decoded<V>>(
              null,
              new Decoded.Poison<>(record.key(), record.value()),
              record.timestamp(),
              DeadLetters.headers(record.headers(), e, source)));
      return;
    }
    context.forward(record.withKey(key).withValue(new Decoded.Ok<>(value)));
  }

  private String decodeKey(Record<byte[], byte[]> record) {
    if (record.key() == null) {
      throw new PoisonRecordException("record has no key; " + topic.name() + " is keyed");
    }
    String key = topic.keySerde().deserializer().deserialize(topic.name(), record.key());
    if (key == null || key.isBlank()) {
      throw new PoisonRecordException("record key is blank");
    }
    return key;
  }

  private V decodeValue(Record<byte[], byte[]> record) {
    if (record.value() == null) {
      throw new PoisonRecordException("record has no value (tombstones mean nothing here)");
    }
    Deserializer<V> deserializer = topic.valueSerde().deserializer();
    // The headers-aware overload, so that serdes reading schema ids from headers work as well.
    return deserializer.deserialize(topic.name(), record.headers(), record.value());
  }
}
