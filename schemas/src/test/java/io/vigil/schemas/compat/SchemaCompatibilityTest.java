package io.vigil.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.schemas.registry.CompatibilityChecker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Every current schema must stay BACKWARD-compatible with its copy in the latest release under
 * {@code src/test/resources/released/<version>}: consumers on the new schema (reader) must read
 * everything written with the released one (writer). To release, copy {@code
 * src/main/resources/avro/io} to {@code released/<new version>/io}.
 */
class SchemaCompatibilityTest {

  private static final Path CURRENT = SchemaFiles.classpathDir("/avro");
  private static final Path RELEASED = SchemaFiles.latestRelease();

  @Test
  void shouldReadReleasedDataWhenSchemasEvolve() {
    // Given
    Map<String, Schema> released = SchemaFiles.parseAll(RELEASED);
    Map<String, Schema> current = SchemaFiles.parseAll(CURRENT);

    // When
    List<String> problems = backwardProblems(released, current);

    // Then
    assertThat(released).as("released schemas under %s", RELEASED).isNotEmpty();
    assertThat(problems).as("incompatible with release %s", RELEASED.getFileName()).isEmpty();
  }

  @Test
  void shouldReportSchemaAndFieldWhenNewFieldHasNoDefault() throws Exception {
    // Given: SagaReply with a new required field and no default
    String path = "io/vigil/saga/SagaReply.avsc";
    ObjectMapper json = new ObjectMapper();
    ObjectNode schema = (ObjectNode) json.readTree(SchemaFiles.readString(CURRENT.resolve(path)));
    ((ArrayNode) schema.get("fields")).addObject().put("name", "retryBudget").put("type", "int");
    Map<String, Schema> current = Map.of(path, SchemaFiles.parse(CURRENT, schema.toString()));
    Map<String, Schema> released = Map.of(path, SchemaFiles.parseAll(RELEASED).get(path));

    // When
    List<String> problems = backwardProblems(released, current);

    // Then
    assertThat(problems)
        .singleElement()
        .asString()
        .contains(path)
        .contains("io.vigil.saga.SagaReply")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("retryBudget");
  }

  @Test
  void shouldReportSchemaWhenFieldTypeChangesIncompatibly() {
    // Given: OrderStatus.orderId turned from string into int
    String path = "io/vigil/orders/OrderStatus.avsc";
    String original = SchemaFiles.readString(CURRENT.resolve(path));
    String text =
        original.replace(
            "{\"name\": \"orderId\", \"type\": \"string\"",
            "{\"name\": \"orderId\", \"type\": \"int\"");
    assertThat(text).isNotEqualTo(original);
    Map<String, Schema> current = Map.of(path, SchemaFiles.parse(CURRENT, text));
    Map<String, Schema> released = Map.of(path, SchemaFiles.parseAll(RELEASED).get(path));

    // When
    List<String> problems = backwardProblems(released, current);

    // Then
    assertThat(problems).isNotEmpty().allMatch(p -> p.contains("io.vigil.orders.OrderStatus"));
    assertThat(String.join("\n", problems)).contains("TYPE_MISMATCH").contains("/fields/2");
  }

  @Test
  void shouldReportRemovedSchemaWhenReleasedFileDisappears() {
    // Given
    Map<String, Schema> released = SchemaFiles.parseAll(RELEASED);

    // When
    List<String> problems = backwardProblems(released, Map.of());

    // Then
    assertThat(problems)
        .hasSize(released.size())
        .anyMatch(p -> p.contains("OrderEvent.avsc") && p.contains("removed"));
  }

  private static List<String> backwardProblems(
      Map<String, Schema> released, Map<String, Schema> current) {
    List<String> problems = new ArrayList<>();
    released.forEach(
        (path, old) -> {
          Schema now = current.get(path);
          if (now == null) {
            problems.add(path + ": released schema " + old.getFullName() + " was removed");
            return;
          }
          CompatibilityChecker.readerWriter(now, old, "cannot read released data")
              .forEach(p -> problems.add(path + ": " + p));
        });
    return problems;
  }
}
