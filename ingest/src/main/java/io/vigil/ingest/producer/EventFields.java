package io.vigil.ingest.producer;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Fills the deduplication fields every Vigil event carries (DESIGN.md): {@value #EVENT_ID} (a
 * random UUID) and {@value #OCCURRED_AT} (the clock's now, {@code timestamp-millis}), when the
 * record has them and they are unset. Records without such fields are left alone.
 */
public final class EventFields {

  /** Name of the event id field. */
  public static final String EVENT_ID = "eventId";

  /** Name of the event time field. */
  public static final String OCCURRED_AT = "occurredAt";

  private EventFields() {}

  /**
   * Sets {@value #EVENT_ID} and {@value #OCCURRED_AT} of an Avro record in place when they are
   * {@code null}.
   *
   * @param value any value; only Avro records with those fields are changed
   * @param clock source of {@value #OCCURRED_AT}
   * @return the record's event id after filling, if it has one
   */
  public static Optional<String> fillMissing(Object value, Clock clock) {
    if (!(value instanceof IndexedRecord record)
        || record.getSchema().getType() != Schema.Type.RECORD) {
      return Optional.empty();
    }
    Schema schema = record.getSchema();
    Schema.Field id = schema.getField(EVENT_ID);
    String eventId = null;
    if (id != null && accepts(id.schema(), Schema.Type.STRING)) {
      Object current = record.get(id.pos());
      if (current == null) {
        eventId = UUID.randomUUID().toString();
        record.put(id.pos(), eventId);
      } else {
        eventId = current.toString();
      }
    }
    Schema.Field at = schema.getField(OCCURRED_AT);
    if (at != null && record.get(at.pos()) == null) {
      Schema timestamp = branch(at.schema(), Schema.Type.LONG);
      if (timestamp != null && isTimestampMillis(timestamp.getLogicalType())) {
        long now = clock.millis();
        // Generated classes convert timestamp-millis to Instant; generic records hold the long.
        boolean converts =
            record instanceof SpecificRecordBase specific
                && specific.getConversion(at.pos()) != null;
        record.put(at.pos(), converts ? Instant.ofEpochMilli(now) : (Object) now);
      }
    }
    return Optional.ofNullable(eventId);
  }

  private static boolean isTimestampMillis(LogicalType type) {
    return type instanceof LogicalTypes.TimestampMillis;
  }

  private static boolean accepts(Schema schema, Schema.Type type) {
    return branch(schema, type) != null;
  }

  /** The schema itself, or its union branch, of the given type. */
  private static Schema branch(Schema schema, Schema.Type type) {
    if (schema.getType() == type) {
      return schema;
    }
    if (schema.getType() == Schema.Type.UNION) {
      for (Schema s : schema.getTypes()) {
        if (s.getType() == type) {
          return s;
        }
      }
    }
    return null;
  }
}
