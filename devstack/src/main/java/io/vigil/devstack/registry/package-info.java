/**
 * An embeddable schema registry speaking the REST subset of Confluent Schema Registry 7.x (Avro
 * only), with its state in a compacted Kafka topic. Entry point: {@link
 * io.vigil.devstack.registry.SchemaRegistryServer}.
 */
package io.vigil.devstack.registry;
