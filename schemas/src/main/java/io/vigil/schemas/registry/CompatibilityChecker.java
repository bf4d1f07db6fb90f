package io.vigil.schemas.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Schema Registry compatibility rules on top of Avro's {@link SchemaCompatibility}: BACKWARD means
 * the new schema (reader) can read data written with an old one (writer); FORWARD the reverse; FULL
 * both; the TRANSITIVE variants check every earlier version instead of the latest only. Pure and
 * thread-safe.
 */
public final class CompatibilityChecker {

  private CompatibilityChecker() {}

  /**
   * The problems that forbid registering {@code candidate} after {@code previous} at {@code level};
   * empty when it is compatible.
   *
   * @param previous earlier versions, oldest first
   * @return one line per incompatibility, each naming the schema, the kind of problem, its location
   *     and Avro's detail (for a missing default: the field name)
   */
  public static List<String> problems(
      CompatibilityLevel level, Schema candidate, List<Schema> previous) {
    if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
      return List.of();
    }
    List<Schema> against =
        switch (level) {
          case BACKWARD_TRANSITIVE, FORWARD_TRANSITIVE, FULL_TRANSITIVE -> previous;
          default -> List.of(previous.get(previous.size() - 1));
        };
    boolean backward =
        level != CompatibilityLevel.FORWARD && level != CompatibilityLevel.FORWARD_TRANSITIVE;
    boolean forward =
        level != CompatibilityLevel.BACKWARD && level != CompatibilityLevel.BACKWARD_TRANSITIVE;
    List<String> problems = new ArrayList<>();
    for (Schema old : against) {
      if (backward) {
        problems.addAll(readerWriter(candidate, old, "new schema cannot read old data"));
      }
      if (forward) {
        problems.addAll(readerWriter(old, candidate, "old schema cannot read new data"));
      }
    }
    return List.copyOf(problems);
  }

  /**
   * The problems that keep {@code reader} from reading data written with {@code writer}; empty when
   * it can.
   */
  public static List<String> readerWriter(Schema reader, Schema writer, String direction) {
    SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    for (Incompatibility i : result.getResult().getIncompatibilities()) {
      problems.add(
          reader.getFullName()
              + ": "
              + direction
              + ": "
              + i.getType()
              + " at "
              + i.getLocation()
              + ": "
              + i.getMessage());
    }
    return problems;
  }
}
