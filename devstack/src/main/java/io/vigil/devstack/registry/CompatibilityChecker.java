package io.vigil.devstack.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Checks a candidate schema against earlier versions with Avro's {@link SchemaCompatibility}, in
 * the direction(s) a {@link CompatibilityLevel} asks for, and describes each incompatibility in the
 * shape Confluent Schema Registry uses in its 409 messages ({@code {errorType:'…', description:'…',
 * additionalInfo:'…'}}).
 */
final class CompatibilityChecker {

  private CompatibilityChecker() {}

  /**
   * Returns the problems found, empty if compatible.
   *
   * @param level direction of the check; {@link CompatibilityLevel#NONE} never finds problems
   * @param candidate the new schema
   * @param earlier the versions to check against, each one checked (the caller picks the latest
   *     only or all of them); any order
   */
  static List<String> check(
      CompatibilityLevel level, Schema candidate, List<SchemaVersion> earlier) {
    List<String> problems = new ArrayList<>();
    if (level == CompatibilityLevel.NONE) {
      return problems;
    }
    for (SchemaVersion old : earlier) {
      Schema oldSchema = SchemaRegistry.parse(old.schema());
      List<String> found = new ArrayList<>();
      if (level.backward()) {
        found.addAll(problems(candidate, "new", oldSchema, "old"));
      }
      if (level.forward()) {
        found.addAll(problems(oldSchema, "old", candidate, "new"));
      }
      if (!found.isEmpty()) {
        problems.addAll(found);
        problems.add("{oldSchemaVersion: " + old.version() + "}");
        problems.add("{oldSchema: '" + old.schema() + "'}");
        problems.add("{compatibility: '" + level.name() + "'}");
      }
    }
    return problems;
  }

  private static List<String> problems(
      Schema reader, String readerName, Schema writer, String writerName) {
    SchemaCompatibility.SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    List<String> out = new ArrayList<>();
    if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return out;
    }
    for (Incompatibility i : result.getResult().getIncompatibilities()) {
      out.add(
          "{errorType:'"
              + i.getType()
              + "', description:'"
              + describe(i, readerName, writerName)
              + "', additionalInfo:'"
              + i.getMessage()
              + "'}");
    }
    return out;
  }

  private static String describe(Incompatibility i, String reader, String writer) {
    String at = i.getLocation();
    return switch (i.getType()) {
      case READER_FIELD_MISSING_DEFAULT_VALUE ->
          "The field '"
              + i.getMessage()
              + "' at path '"
              + at
              + "' in the "
              + reader
              + " schema has no default value and is missing in the "
              + writer
              + " schema";
      case TYPE_MISMATCH ->
          "The type (path '"
              + at
              + "') of a field in the "
              + reader
              + " schema does not match with the "
              + writer
              + " schema";
      case NAME_MISMATCH ->
          "The name of the "
              + reader
              + " schema does not match the "
              + writer
              + " schema at path '"
              + at
              + "'";
      case MISSING_ENUM_SYMBOLS ->
          "The "
              + reader
              + " schema is missing enum symbols '"
              + i.getMessage()
              + "' at path '"
              + at
              + "' that the "
              + writer
              + " schema has";
      case MISSING_UNION_BRANCH ->
          "The "
              + reader
              + " schema is missing a type inside a union field at path '"
              + at
              + "' that the "
              + writer
              + " schema has";
      case FIXED_SIZE_MISMATCH ->
          "The size of FIXED type field at path '"
              + at
              + "' in the "
              + reader
              + " schema does not match with the "
              + writer
              + " schema";
    };
  }
}
