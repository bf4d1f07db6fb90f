package io.vigil.flink.common;

import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Environment settings every Vigil job shares: exactly-once checkpoints and the parallelism. */
public final class JobEnvironment {

  private JobEnvironment() {}

  /**
   * Enables exactly-once checkpoints at {@code checkpoint-interval-ms} (the Kafka sinks commit
   * their transactions on them) and applies {@code parallelism} when given.
   */
  public static void configure(StreamExecutionEnvironment env, JobSettings settings) {
    env.enableCheckpointing(
        settings.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    if (settings.parallelism() > 0) {
      env.setParallelism(settings.parallelism());
    }
  }
}
