package io.vigil.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoreRecordTest {

  @Test
  void shouldProduceIdenticalKeysWhenSameSchemaVersionIsWrittenTwice() {
    // Given
    SchemaVersion live = new SchemaVersion("s", 3, 7, "\"int\"", false);

    // When
    StoreRecord written = StoreRecord.schema(live);
    StoreRecord softDeleted = StoreRecord.schema(live.softDeleted());
    StoreRecord tombstone = StoreRecord.schemaTombstone("s", 3);

    // Then: compaction keeps only the latest of these, so their keys must be byte-identical
    assertThat(softDeleted.key()).isEqualTo(written.key());
    assertThat(tombstone.key()).isEqualTo(written.key());
    assertThat(tombstone.value()).isNull();
    assertThat(written.key()).isEqualTo("{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":3}");
  }

  @Test
  void shouldKeepGlobalAndSubjectConfigApartWhenKeysAreBuilt() {
    // When
    StoreRecord global = StoreRecord.config(null, CompatibilityLevel.FULL);
    StoreRecord subject = StoreRecord.config("s", CompatibilityLevel.FULL);

    // Then
    assertThat(global.key()).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null}");
    assertThat(subject.key()).isNotEqualTo(global.key());
    assertThat(StoreRecord.configTombstone("s").key()).isEqualTo(subject.key());
  }
}
