package io.vigil.schemas.registry;

/**
 * Compatibility levels of Confluent Schema Registry, checked when a new version is registered.
 * BACKWARD (the default) means consumers using the new schema can read data written with the
 * previous one.
 */
public enum CompatibilityLevel {
  NONE,
  BACKWARD,
  BACKWARD_TRANSITIVE,
  FORWARD,
  FORWARD_TRANSITIVE,
  FULL,
  FULL_TRANSITIVE
}
