package io.vigil.schemas.serde;

/** Confluent's default subject naming: {@code <topic>-key} and {@code <topic>-value}. */
public final class TopicNameStrategy {

  private TopicNameStrategy() {}

  /** The subject of the key or value schema of a topic. */
  public static String subjectName(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }
}
