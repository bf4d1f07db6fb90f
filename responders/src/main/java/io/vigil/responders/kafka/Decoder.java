package io.vigil.responders.kafka;

import io.vigil.schemas.catalog.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Decodes input records with a topic's serdes, telling bad records from transient failures. */
public final class Decoder {

  private Decoder() {}

  /**
   * The record's value, decoded with the topic's value serde.
   *
   * @throws InvalidRecordException if the value is missing or does not decode
   * @throws RetriableException if the writer schema cannot be fetched from the registry now
   */
  public static <V> V value(Topic<?, V> topic, ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      throw new InvalidRecordException(
          "record without a value (tombstone) on " + record.topic(), new NullPointerException());
    }
    try {
      return topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      if (Failures.isRegistryUnavailable(e)) {
        throw new RetriableException("cannot fetch the writer schema for " + record.topic(), e);
      }
      throw new InvalidRecordException("value does not decode: " + e.getMessage(), e);
    }
  }
}
