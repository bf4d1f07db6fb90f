package io.vigil.devstack.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The registry's in-memory view, built only by {@link #apply(StoreRecord)}. Not thread-safe: the
 * owner ({@link SchemaRegistry}) guards it.
 */
final class RegistryState {

  private final Map<String, NavigableMap<Integer, SchemaVersion>> subjects = new TreeMap<>();
  private final Map<Integer, String> schemaById = new HashMap<>();
  private final Map<String, Integer> idBySchema = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel;
  private int maxId;

  /**
   * Applies one log record.
   *
   * @throws IllegalArgumentException if the record is malformed
   */
  void apply(StoreRecord record) {
    JsonNode key = record.keyJson();
    JsonNode value = record.valueJson();
    String type = key.path("keytype").asText("");
    switch (type) {
      case StoreRecord.SCHEMA -> applySchema(key, value);
      case StoreRecord.CONFIG -> applyConfig(key, value);
      case StoreRecord.ID_WATERMARK -> {
        if (value != null) {
          maxId = Math.max(maxId, requiredInt(value, "maxId"));
        }
      }
      default -> throw new IllegalArgumentException("Unknown registry record key type: " + key);
    }
  }

  private void applySchema(JsonNode key, JsonNode value) {
    String subject = requiredText(key, "subject");
    int version = requiredInt(key, "version");
    if (value == null) {
      NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
      SchemaVersion removed = versions == null ? null : versions.remove(version);
      if (versions != null && versions.isEmpty()) {
        subjects.remove(subject);
      }
      if (removed != null && !isReferenced(removed.id())) {
        schemaById.remove(removed.id());
        idBySchema.remove(removed.schema());
      }
      return;
    }
    SchemaVersion v =
        new SchemaVersion(
            subject,
            version,
            requiredInt(value, "id"),
            requiredText(value, "schema"),
            value.path("deleted").asBoolean(false));
    subjects.computeIfAbsent(subject, s -> new TreeMap<>()).put(version, v);
    schemaById.put(v.id(), v.schema());
    idBySchema.put(v.schema(), v.id());
    maxId = Math.max(maxId, v.id());
  }

  private void applyConfig(JsonNode key, JsonNode value) {
    JsonNode subjectNode = key.get("subject");
    String subject = subjectNode == null || subjectNode.isNull() ? null : subjectNode.asText();
    CompatibilityLevel level =
        value == null
            ? null
            : CompatibilityLevel.parse(requiredText(value, "compatibilityLevel"))
                .orElseThrow(
                    () -> new IllegalArgumentException("Unknown compatibility level in " + value));
    if (subject == null) {
      globalLevel = level;
    } else if (level == null) {
      subjectLevels.remove(subject);
    } else {
      subjectLevels.put(subject, level);
    }
  }

  private boolean isReferenced(int id) {
    return subjects.values().stream()
        .flatMap(versions -> versions.values().stream())
        .anyMatch(v -> v.id() == id);
  }

  /** All versions of a subject, oldest first, including soft-deleted ones. */
  List<SchemaVersion> allVersions(String subject) {
    NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
    return versions == null ? List.of() : List.copyOf(versions.values());
  }

  /** Versions of a subject, oldest first; soft-deleted ones only if asked. */
  List<SchemaVersion> versions(String subject, boolean includeDeleted) {
    List<SchemaVersion> result = new ArrayList<>();
    for (SchemaVersion v : allVersions(subject)) {
      if (includeDeleted || !v.deleted()) {
        result.add(v);
      }
    }
    return result;
  }

  /** Subject names in alphabetical order; subjects with only soft-deleted versions if asked. */
  List<String> subjects(boolean includeDeleted) {
    List<String> result = new ArrayList<>();
    subjects.forEach(
        (subject, versions) -> {
          if (includeDeleted || versions.values().stream().anyMatch(v -> !v.deleted())) {
            result.add(subject);
          }
        });
    return Collections.unmodifiableList(result);
  }

  boolean subjectExists(String subject) {
    return subjects.containsKey(subject);
  }

  Optional<String> schemaById(int id) {
    return Optional.ofNullable(schemaById.get(id));
  }

  Optional<Integer> idOf(String canonicalSchema) {
    return Optional.ofNullable(idBySchema.get(canonicalSchema));
  }

  int maxId() {
    return maxId;
  }

  /** Highest version number ever used by the subject (soft-deleted versions included), or 0. */
  int maxVersion(String subject) {
    NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
    return versions == null || versions.isEmpty() ? 0 : versions.lastKey();
  }

  CompatibilityLevel globalLevel() {
    return globalLevel == null ? CompatibilityLevel.DEFAULT : globalLevel;
  }

  Optional<CompatibilityLevel> subjectLevel(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  CompatibilityLevel effectiveLevel(String subject) {
    return subjectLevel(subject).orElseGet(this::globalLevel);
  }

  private static String requiredText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("Registry record lacks text field '" + field + "'");
    }
    return value.asText();
  }

  private static int requiredInt(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.canConvertToInt()) {
      throw new IllegalArgumentException("Registry record lacks int field '" + field + "'");
    }
    return value.asInt();
  }
}
