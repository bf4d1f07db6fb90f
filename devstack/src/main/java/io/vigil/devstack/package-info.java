/**
 * Vigil's embedded development stack: a real in-process KRaft Kafka broker ({@link
 * io.vigil.devstack.EmbeddedKafka}), a real PostgreSQL with logical replication ({@link
 * io.vigil.devstack.PostgresServer}) and the schema registry ({@link
 * io.vigil.devstack.registry.SchemaRegistryServer}), started together by {@link
 * io.vigil.devstack.EmbeddedStack} on loopback ports. Tests and tools depend only on {@link
 * io.vigil.devstack.StackEndpoints}. Library code: no test framework on this module's classpath.
 */
package io.vigil.devstack;
