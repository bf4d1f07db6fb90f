package io.vigil.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {

  private static Schema record(String fields) {
    return new Schema.Parser()
        .parse(
            "{\"type\":\"record\",\"name\":\"R\",\"namespace\":\"t\",\"fields\":[" + fields + "]}");
  }

  private static final Schema V1 = record("{\"name\":\"a\",\"type\":\"string\"}");
  private static final Schema V2_WITH_DEFAULT =
      record(
          "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\",\"default\":0}");
  private static final Schema V2_NO_DEFAULT =
      record("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\"}");
  private static final Schema V0_EXTRA =
      record("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"c\",\"type\":\"int\"}");

  @Test
  void shouldAcceptNewFieldWithDefaultWhenLevelIsBackward() {
    assertThat(
            CompatibilityChecker.problems(
                CompatibilityLevel.BACKWARD, V2_WITH_DEFAULT, List.of(V1)))
        .isEmpty();
  }

  @Test
  void shouldNameSchemaAndFieldWhenNewFieldHasNoDefault() {
    assertThat(
            CompatibilityChecker.problems(CompatibilityLevel.BACKWARD, V2_NO_DEFAULT, List.of(V1)))
        .singleElement()
        .asString()
        .contains("t.R")
        .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("b");
  }

  @Test
  void shouldCheckOnlyLatestWhenLevelIsNotTransitive() {
    // Given: V0 had a field c that V1 dropped; V2 without c cannot be read by V0 readers
    List<Schema> history = List.of(V0_EXTRA, V1);

    // Then
    assertThat(CompatibilityChecker.problems(CompatibilityLevel.FORWARD, V2_WITH_DEFAULT, history))
        .isEmpty();
    assertThat(
            CompatibilityChecker.problems(
                CompatibilityLevel.FORWARD_TRANSITIVE, V2_WITH_DEFAULT, history))
        .isNotEmpty();
  }

  @Test
  void shouldCheckBothDirectionsWhenLevelIsFull() {
    assertThat(CompatibilityChecker.problems(CompatibilityLevel.FULL, V2_NO_DEFAULT, List.of(V1)))
        .isNotEmpty();
    assertThat(CompatibilityChecker.problems(CompatibilityLevel.FULL, V2_WITH_DEFAULT, List.of(V1)))
        .isEmpty();
  }

  @Test
  void shouldAcceptAnythingWhenLevelIsNone() {
    assertThat(CompatibilityChecker.problems(CompatibilityLevel.NONE, V2_NO_DEFAULT, List.of(V1)))
        .isEmpty();
  }
}
