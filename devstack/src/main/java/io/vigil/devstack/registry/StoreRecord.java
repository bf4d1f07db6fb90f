package io.vigil.devstack.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One record of the registry's compacted log: a JSON key and a JSON value ({@code null} = a
 * tombstone that deletes the key). The same records go to Kafka and into {@link RegistryState}, so
 * replaying the topic rebuilds exactly the state the writer had.
 *
 * <p>Key layouts (field order is fixed, because compaction compares key bytes):
 *
 * <ul>
 *   <li>{@code {"keytype":"SCHEMA","subject":s,"version":v}} → {@code {"subject","version","id",
 *       "schema","deleted"}}; a tombstone removes the version (hard delete);
 *   <li>{@code {"keytype":"CONFIG","subject":s|null}} → {@code {"compatibilityLevel":L}}; {@code
 *       null} subject = the global level; a tombstone removes a subject's level;
 *   <li>{@code {"keytype":"ID_WATERMARK"}} → {@code {"maxId":n}}: the highest id ever issued, so
 *       ids are never reused after hard deletes and compaction.
 * </ul>
 */
record StoreRecord(String key, String value) {

  static final String SCHEMA = "SCHEMA";
  static final String CONFIG = "CONFIG";
  static final String ID_WATERMARK = "ID_WATERMARK";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static StoreRecord schema(SchemaVersion v) {
    ObjectNode value = MAPPER.createObjectNode();
    value.put("subject", v.subject());
    value.put("version", v.version());
    value.put("id", v.id());
    value.put("schema", v.schema());
    value.put("deleted", v.deleted());
    return new StoreRecord(schemaKey(v.subject(), v.version()), write(value));
  }

  static StoreRecord schemaTombstone(String subject, int version) {
    return new StoreRecord(schemaKey(subject, version), null);
  }

  static StoreRecord config(String subjectOrNull, CompatibilityLevel level) {
    ObjectNode value = MAPPER.createObjectNode();
    value.put("compatibilityLevel", level.name());
    return new StoreRecord(configKey(subjectOrNull), write(value));
  }

  static StoreRecord configTombstone(String subject) {
    return new StoreRecord(configKey(subject), null);
  }

  static StoreRecord idWatermark(int maxId) {
    ObjectNode key = MAPPER.createObjectNode();
    key.put("keytype", ID_WATERMARK);
    ObjectNode value = MAPPER.createObjectNode();
    value.put("maxId", maxId);
    return new StoreRecord(write(key), write(value));
  }

  /** Parses the key; throws {@link IllegalArgumentException} if it is not a JSON object. */
  JsonNode keyJson() {
    return parse(key, "key");
  }

  /** Parses the value, or returns {@code null} for a tombstone. */
  JsonNode valueJson() {
    return value == null ? null : parse(value, "value");
  }

  private static String schemaKey(String subject, int version) {
    ObjectNode key = MAPPER.createObjectNode();
    key.put("keytype", SCHEMA);
    key.put("subject", subject);
    key.put("version", version);
    return write(key);
  }

  private static String configKey(String subjectOrNull) {
    ObjectNode key = MAPPER.createObjectNode();
    key.put("keytype", CONFIG);
    if (subjectOrNull == null) {
      key.putNull("subject");
    } else {
      key.put("subject", subjectOrNull);
    }
    return write(key);
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise registry record " + node, e);
    }
  }

  private static JsonNode parse(String json, String what) {
    if (json == null) {
      throw new IllegalArgumentException("Registry record has no " + what);
    }
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("Registry record " + what + " is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Registry record " + what + " is not valid JSON", e);
    }
  }
}
