package io.vigil.devstack.registry;

import static io.vigil.devstack.registry.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class SchemaRegistryTest {

  private static final String V1 = record("Order", "id:string");
  private static final String V2 = record("Order", "id:string", "qty:int=1");
  private static final String V2_NO_DEFAULT = record("Order", "id:string", "qty:int");

  private final InMemorySchemaLog log = new InMemorySchemaLog();
  private final SchemaRegistry registry = new SchemaRegistry(log);

  @Test
  void shouldIssueIncreasingIdsAndVersionsWhenSchemasAreRegistered() {
    // When
    int first = registry.register("orders-value", V1, null);
    int second = registry.register("orders-value", V2, "AVRO");

    // Then
    assertThat(second).isEqualTo(first + 1);
    assertThat(registry.versions("orders-value", false)).containsExactly(1, 2);
    assertThat(registry.version("orders-value", "latest", false).id()).isEqualTo(second);
  }

  @Test
  void shouldWriteNothingWhenSameSchemaIsRegisteredAgain() {
    // Given
    int id = registry.register("orders-value", V1, null);
    int written = log.records().size();

    // When
    int again = registry.register("orders-value", "  " + V1.replace(":", " : ") + " ", null);

    // Then
    assertThat(again).isEqualTo(id);
    assertThat(log.records()).hasSize(written);
  }

  @Test
  void shouldTellSchemasApartWhenTheyDifferOnlyInDefaults() {
    // Given: Parsing Canonical Form would treat these two as the same schema
    String withoutDefault = record("Counter", "n:int");
    String withDefault = record("Counter", "n:int=0");

    // When
    int a = registry.register("counter-value", withoutDefault, null);
    int b = registry.register("counter-value", withDefault, null);

    // Then
    assertThat(b).isNotEqualTo(a);
    assertThat(registry.schemaById(b)).contains("\"default\":0");
  }

  @Test
  void shouldRejectWith409WhenChangeBreaksConfiguredLevel() {
    // Given
    registry.register("orders-value", V1, null);

    // When / Then
    assertRegistryError(() -> registry.register("orders-value", V2_NO_DEFAULT, null), 409, 409);
    assertThat(registry.versions("orders-value", false)).containsExactly(1);
  }

  @Test
  void shouldCheckOnlyLatestVersionWhenLevelIsNotTransitive() {
    // Given: v1 {x: string}, v2 {x: int} (allowed under NONE), then back to BACKWARD
    registry.setSubjectLevel("s", "NONE");
    registry.register("s", record("Value", "x:string"), null);
    registry.register("s", record("Value", "x:int"), null);
    registry.setSubjectLevel("s", "BACKWARD");
    String promotesV2 = record("Value", "x:long");

    // When: long reads int (v2) but not string (v1)
    int id = registry.register("s", promotesV2, null);

    // Then
    assertThat(id).isPositive();
    assertThat(registry.checkCompatibility("s", "1", promotesV2, null))
        .anyMatch(m -> m.contains("TYPE_MISMATCH"));
  }

  @Test
  void shouldCheckEveryVersionWhenLevelIsTransitive() {
    // Given
    registry.setSubjectLevel("s", "NONE");
    registry.register("s", V1, null);
    registry.register("s", record("Order", "qty:int=1"), null);
    registry.setSubjectLevel("s", "FULL_TRANSITIVE");

    // When: fine against v2, but cannot be read by v1 (it lacks a default for 'id')
    String candidate = record("Order", "qty:int=1", "note:string=\"\"");

    // Then
    assertRegistryError(() -> registry.register("s", candidate, null), 409, 409);
    assertThat(registry.checkCompatibility("s", null, candidate, null))
        .anyMatch(m -> m.contains("oldSchemaVersion: 1"));
    assertThat(registry.checkCompatibility("s", "latest", candidate, null)).isEmpty();
  }

  @Test
  void shouldRejectRemovedFieldWithoutDefaultWhenLevelIsForward() {
    // Given
    registry.setSubjectLevel("f", "FORWARD");
    registry.register("f", V2_NO_DEFAULT, null);

    // When / Then: the old reader needs 'qty', which the new writer no longer has
    assertThat(registry.checkCompatibility("f", "latest", V1, null))
        .anyMatch(m -> m.contains("READER_FIELD_MISSING_DEFAULT_VALUE"));
    assertThat(registry.checkCompatibility("f", "latest", V2_NO_DEFAULT, null)).isEmpty();
  }

  @Test
  void shouldRebuildSameStateWhenLogIsReplayedAfterCompaction() {
    // Given
    int v1 = registry.register("a-value", V1, null);
    int v2 = registry.register("a-value", V2, null);
    registry.register("b-value", record("Other", "x:long"), null);
    registry.setGlobalLevel("FULL");
    registry.setSubjectLevel("a-value", "NONE");
    registry.deleteSubject("b-value", false);
    log.compact();

    // When
    SchemaRegistry restarted = new SchemaRegistry(log);

    // Then
    assertThat(restarted.versions("a-value", false)).containsExactly(1, 2);
    assertThat(restarted.version("a-value", "2", false).id()).isEqualTo(v2);
    assertThat(restarted.schemaById(v1)).isEqualTo(registry.schemaById(v1));
    assertThat(restarted.globalLevel()).isEqualTo(CompatibilityLevel.FULL);
    assertThat(restarted.subjectLevel("a-value", false)).isEqualTo(CompatibilityLevel.NONE);
    assertThat(restarted.subjects(false)).containsExactly("a-value");
    assertThat(restarted.subjects(true)).containsExactly("a-value", "b-value");
  }

  @Test
  void shouldNeverReuseIdsWhenSubjectWasPermanentlyDeleted() {
    // Given
    registry.register("keep", V1, null);
    int removedId = registry.register("gone", record("Gone", "x:long"), null);
    registry.deleteSubject("gone", false);
    registry.deleteSubject("gone", true);
    log.compact();
    SchemaRegistry restarted = new SchemaRegistry(log);

    // When
    int next = restarted.register("new", record("New", "y:long"), null);

    // Then
    assertThat(next).isEqualTo(removedId + 1);
    assertRegistryError(() -> restarted.schemaById(removedId), 404, 40403);
  }

  @Test
  void shouldContinueVersionNumbersWhenSubjectIsReusedAfterSoftDelete() {
    // Given
    int id = registry.register("s", V1, null);
    registry.deleteSubject("s", false);

    // When
    int again = registry.register("s", V1, null);

    // Then: same id, new version after the soft-deleted one
    assertThat(again).isEqualTo(id);
    assertThat(registry.versions("s", false)).containsExactly(2);
    assertThat(registry.versions("s", true)).containsExactly(1, 2);
  }

  @Test
  void shouldLeaveStateUnchangedWhenLogRejectsWrite() {
    // Given
    registry.register("s", V1, null);
    log.failWrites(true);

    // When / Then
    assertRegistryError(() -> registry.register("s", V2, null), 500, 50001);
    assertThat(registry.versions("s", false)).containsExactly(1);
    assertThat(registry.writable()).isFalse();
  }

  @Test
  void shouldRefuseToStartWhenLogHoldsUnreadableRecord() {
    // Given
    log.add(new StoreRecord("{\"keytype\":\"SCHEMA\"}", "{}"));

    // When / Then
    assertThatIllegalStateException()
        .isThrownBy(() -> new SchemaRegistry(log))
        .withMessageContaining("Unreadable record");
  }

  @Test
  void shouldAnswerConfluentErrorsWhenInputIsInvalid() {
    assertRegistryError(() -> registry.register("s", "{\"type\":\"nope\"}", null), 422, 42201);
    assertRegistryError(() -> registry.register("s", V1, "PROTOBUF"), 422, 42201);
    assertRegistryError(() -> registry.register("s", " ", null), 422, 42201);
    assertRegistryError(() -> registry.setGlobalLevel("MOSTLY"), 422, 42203);
    assertRegistryError(() -> registry.version("s", "0", false), 422, 42202);
    assertRegistryError(() -> registry.version("s", "-2", false), 422, 42202);
    assertRegistryError(() -> registry.version("s", "latest", false), 404, 40401);
    assertRegistryError(() -> registry.subjectLevel("s", false), 404, 40408);
    assertRegistryError(() -> registry.deleteSubjectLevel("s"), 404, 40408);
    assertRegistryError(() -> registry.deleteSubject("s", false), 404, 40401);
  }

  @Test
  void shouldRegisterOnceWhenManyThreadsRegisterSameSchemaConcurrently() throws Exception {
    // Given
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Integer>> ids = new ArrayList<>();

    // When
    try {
      for (int i = 0; i < threads; i++) {
        String subject = i % 2 == 0 ? "even" : "odd";
        ids.add(
            pool.submit(
                () -> {
                  go.await();
                  return registry.register(subject, V1, null);
                }));
      }
      go.countDown();
      Set<Integer> distinct = new HashSet<>();
      for (Future<Integer> id : ids) {
        distinct.add(id.get(10, TimeUnit.SECONDS));
      }

      // Then: one global id, one version per subject, two records written
      assertThat(distinct).hasSize(1);
      assertThat(registry.versions("even", false)).containsExactly(1);
      assertThat(registry.versions("odd", false)).containsExactly(1);
      assertThat(log.records()).hasSize(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldParseVersionsLikeConfluentWhenGivenNumbersOrLatest() {
    assertThat(SchemaRegistry.parseVersion("latest")).isEqualTo(SchemaRegistry.LATEST);
    assertThat(SchemaRegistry.parseVersion("LATEST")).isEqualTo(SchemaRegistry.LATEST);
    assertThat(SchemaRegistry.parseVersion("-1")).isEqualTo(SchemaRegistry.LATEST);
    assertThat(SchemaRegistry.parseVersion("2147483647")).isEqualTo(Integer.MAX_VALUE);
    assertRegistryError(() -> SchemaRegistry.parseVersion("2147483648"), 422, 42202);
    assertRegistryError(() -> SchemaRegistry.parseVersion("one"), 422, 42202);
  }

  private static void assertRegistryError(ThrowingCallable call, int status, int errorCode) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(status);
              assertThat(e.errorCode()).isEqualTo(errorCode);
              assertThat(e.getMessage()).isNotBlank();
            });
  }
}
