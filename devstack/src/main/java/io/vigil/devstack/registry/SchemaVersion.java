package io.vigil.devstack.registry;

/**
 * One registered version of a subject.
 *
 * @param subject the subject, e.g. {@code orders.events-value}
 * @param version 1-based version within the subject
 * @param id global schema id (shared by every subject that registered the same schema)
 * @param schema the schema in Avro's compact canonical JSON ({@code Schema.toString()})
 * @param deleted true once soft-deleted
 */
record SchemaVersion(String subject, int version, int id, String schema, boolean deleted) {

  SchemaVersion softDeleted() {
    return new SchemaVersion(subject, version, id, schema, true);
  }
}
