package io.vigil.cli;

import picocli.CommandLine.Option;

/** The embedded stack's port options, shared by {@code vigil stack} and {@code vigil demo}. */
final class StackPorts {

  @Option(names = "--kafka-port", description = "Broker port (default: a free port).")
  int kafka;

  @Option(names = "--registry-port", description = "Schema Registry port (default: a free port).")
  int registry;

  @Option(names = "--postgres-port", description = "PostgreSQL port (default: a free port).")
  int postgres;
}
