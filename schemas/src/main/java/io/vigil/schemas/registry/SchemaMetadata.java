package io.vigil.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One version of a subject, as returned by {@code GET /subjects/{s}/versions/{v}} and the lookup
 * {@code POST /subjects/{s}}: {@code {"subject", "id", "version", "schema"}}.
 *
 * @param subject subject name
 * @param id global schema id (what the wire format carries)
 * @param version version of the schema within the subject, from 1
 * @param schema the schema as JSON text
 */
public record SchemaMetadata(String subject, int id, int version, String schema) {

  /** Validates the fields. */
  public SchemaMetadata {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }

  /** Parses {@link #schema()} into an Avro schema (a fresh parser each call). */
  public Schema avroSchema() {
    return new Schema.Parser().parse(schema);
  }
}
