package io.vigil.flink.anomaly;

import io.vigil.analytics.features.EntityType;
import io.vigil.analytics.features.RequestObservation;

/**
 * One request counted for one entity (a request fans out to its service, client ip and principal; a
 * service-to-service call to its edge), with the Kafka coordinates of the record it came from so
 * that a late one can be traced.
 *
 * @param entityType kind of entity
 * @param entity entity key
 * @param observation the request
 * @param sourceTopic topic of the source record
 * @param sourcePartition partition of the source record
 * @param sourceOffset offset of the source record
 */
public record TrafficObservation(
    EntityType entityType,
    String entity,
    RequestObservation observation,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset) {

  /** The key windows and baselines are kept under: {@code <TYPE>|<entity>}. */
  public String key() {
    return entityKey(entityType, entity);
  }

  /** {@code <TYPE>|<entity>}. */
  public static String entityKey(EntityType type, String entity) {
    return type.name() + "|" + entity;
  }
}
