package io.vigil.simulator;

import io.vigil.analytics.EntityType;
import io.vigil.common.ThreatClass;
import java.time.Instant;
import java.util.Objects;

/**
 * Ground truth: during {@code [start, end)} the windows of {@code entity} are part of attack {@code
 * scenario}. Entity types and ids are those the anomaly job keys its windows by (service name,
 * client ip, principal, {@code caller->callee}), so an {@code Anomaly} matches a label when entity
 * type and entity are equal and its window overlaps {@code [start, end)}.
 *
 * @param entityType kind of entity
 * @param entity entity id
 * @param threatClass class of the attack
 * @param role whether the entity is a source or the target of the attack
 * @param start first instant of the attack, inclusive
 * @param end end of the attack, exclusive
 * @param scenario name of the attack in its scenario (unique within a run)
 * @param variant normal or slow-and-low
 */
public record GroundTruthLabel(
    EntityType entityType,
    String entity,
    ThreatClass threatClass,
    LabelRole role,
    Instant start,
    Instant end,
    String scenario,
    Variant variant) {

  /** Validates. */
  public GroundTruthLabel {
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(threatClass, "threatClass");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(variant, "variant");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("label " + scenario + ": start must be before end");
    }
  }

  /** Whether {@code instant} lies in {@code [start, end)}. */
  public boolean covers(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /** Whether the window {@code [from, to)} overlaps {@code [start, end)}. */
  public boolean overlaps(Instant from, Instant to) {
    return from.isBefore(end) && to.isAfter(start);
  }
}
