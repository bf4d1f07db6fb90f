package io.vigil.responders.kafka;

import io.vigil.schemas.registry.CompatibilityLevel;
import io.vigil.schemas.registry.SchemaMetadata;
import io.vigil.schemas.registry.SchemaNotFoundException;
import io.vigil.schemas.registry.SchemaRegistryClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/** Just enough of a schema registry for serdes in unit tests: register, look up, fetch by id. */
final class InMemoryRegistry implements SchemaRegistryClient {

  private final Map<Integer, Schema> byId = new HashMap<>();
  private final Map<String, Integer> ids = new HashMap<>();

  @Override
  public synchronized int register(String subject, Schema schema) {
    return ids.computeIfAbsent(
        schema.toString(),
        s -> {
          int id = byId.size() + 1;
          byId.put(id, schema);
          return id;
        });
  }

  @Override
  public synchronized SchemaMetadata lookup(String subject, Schema schema) {
    int id = register(subject, schema);
    return new SchemaMetadata(subject, id, 1, schema.toString());
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema s = byId.get(id);
    if (s == null) {
      throw new SchemaNotFoundException("no schema " + id, "memory:", null, 404, 40403, null);
    }
    return s;
  }

  @Override
  public List<String> subjects() {
    return new ArrayList<>();
  }

  @Override
  public List<Integer> versions(String subject) {
    throw new UnsupportedOperationException("versions");
  }

  @Override
  public SchemaMetadata version(String subject, int version) {
    throw new UnsupportedOperationException("version");
  }

  @Override
  public SchemaMetadata latestVersion(String subject) {
    throw new UnsupportedOperationException("latestVersion");
  }

  @Override
  public boolean isCompatible(String subject, Schema schema, String version) {
    return true;
  }

  @Override
  public CompatibilityLevel globalCompatibility() {
    return CompatibilityLevel.BACKWARD;
  }

  @Override
  public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
    return Optional.empty();
  }

  @Override
  public void setGlobalCompatibility(CompatibilityLevel level) {
    throw new UnsupportedOperationException("setGlobalCompatibility");
  }

  @Override
  public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
    throw new UnsupportedOperationException("setSubjectCompatibility");
  }

  @Override
  public List<Integer> deleteSubject(String subject, boolean permanent) {
    throw new UnsupportedOperationException("deleteSubject");
  }

  @Override
  public String endpoint() {
    return "memory:";
  }
}
