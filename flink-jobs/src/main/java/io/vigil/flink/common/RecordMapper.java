package io.vigil.flink.common;

import java.io.Serializable;
import org.apache.flink.util.Collector;

/**
 * Turns one deserialized Kafka value into zero or more stream elements, knowing where it came from.
 *
 * @param <A> Avro value type
 * @param <T> stream element type
 */
@FunctionalInterface
public interface RecordMapper<A, T> extends Serializable {

  /**
   * @param value the deserialized value, never null
   * @param source topic, partition and offset of the Kafka record
   * @param out where the elements go
   */
  void map(A value, SourceOffset source, Collector<T> out);
}
