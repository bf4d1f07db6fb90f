package io.vigil.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The project's schema rules (CONVENTIONS.md #8, DESIGN.md topics), checked on every file. */
class SchemaConventionsTest {

  private static final Map<String, Schema> CURRENT =
      SchemaFiles.parseAll(SchemaFiles.classpathDir("/avro"));

  @Test
  void shouldCarryEventIdAndOccurredAtWhenSchemaIsTopLevelEvent() {
    List<String> problems = new ArrayList<>();
    CURRENT.forEach(
        (path, schema) -> {
          if (path.startsWith(SchemaFiles.COMMON_DIR)) {
            return;
          }
          Schema.Field eventId = schema.getField("eventId");
          Schema.Field occurredAt = schema.getField("occurredAt");
          if (eventId == null || eventId.schema().getType() != Schema.Type.STRING) {
            problems.add(path + ": eventId string missing");
          }
          if (occurredAt == null
              || !(occurredAt.schema().getLogicalType() instanceof LogicalTypes.TimestampMillis)) {
            problems.add(path + ": occurredAt timestamp-millis missing");
          }
        });
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldHaveDefaultSymbolWhenTypeIsEnum() {
    List<String> problems = new ArrayList<>();
    forEachType(
        s -> {
          if (s.getType() == Schema.Type.ENUM && s.getEnumDefault() == null) {
            problems.add(s.getFullName() + " has no default symbol");
          }
        });
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldBeDecimal18Scale2WhenFieldIsMoney() {
    List<String> problems = new ArrayList<>();
    List<Schema> decimals = new ArrayList<>();
    forEachType(
        s -> {
          LogicalType logical = s.getLogicalType();
          if (logical instanceof LogicalTypes.Decimal d) {
            decimals.add(s);
            if (s.getType() != Schema.Type.BYTES || d.getPrecision() != 18 || d.getScale() != 2) {
              problems.add(s + " is not bytes decimal(18,2)");
            }
          }
        });
    assertThat(problems).isEmpty();
    assertThat(decimals).as("money types found").isNotEmpty();
  }

  @Test
  void shouldHaveDocWhenTypeIsRecordOrEnumOrField() {
    List<String> problems = new ArrayList<>();
    forEachType(
        s -> {
          boolean named = s.getType() == Schema.Type.RECORD || s.getType() == Schema.Type.ENUM;
          if (named && (s.getDoc() == null || s.getDoc().isBlank())) {
            problems.add(s.getFullName() + " has no doc");
          }
          if (s.getType() == Schema.Type.RECORD) {
            s.getFields().stream()
                .filter(f -> f.doc() == null || f.doc().isBlank())
                .forEach(f -> problems.add(s.getFullName() + "." + f.name() + " has no doc"));
          }
        });
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldUseOneNamespacePerBoundedContextWhenPlacingFiles() {
    CURRENT.forEach(
        (path, schema) ->
            assertThat(path)
                .startsWith(schema.getNamespace().replace('.', '/') + "/")
                .matches("io/vigil/(common|telemetry|orders|saga|analytics|ops)/[A-Za-z]+\\.avsc"));
  }

  private static void forEachType(Consumer<Schema> visitor) {
    Set<String> seen = new HashSet<>();
    CURRENT.values().forEach(s -> walk(s, visitor, seen));
  }

  private static void walk(Schema schema, Consumer<Schema> visitor, Set<String> seen) {
    boolean named =
        schema.getType() == Schema.Type.RECORD
            || schema.getType() == Schema.Type.ENUM
            || schema.getType() == Schema.Type.FIXED;
    if (named && !seen.add(schema.getFullName())) {
      return;
    }
    visitor.accept(schema);
    switch (schema.getType()) {
      case RECORD -> schema.getFields().forEach(f -> walk(f.schema(), visitor, seen));
      case ARRAY -> walk(schema.getElementType(), visitor, seen);
      case MAP -> walk(schema.getValueType(), visitor, seen);
      case UNION -> schema.getTypes().forEach(t -> walk(t, visitor, seen));
      default -> {}
    }
  }
}
