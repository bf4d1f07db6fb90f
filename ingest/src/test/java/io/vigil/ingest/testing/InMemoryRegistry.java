package io.vigil.ingest.testing;

import io.vigil.schemas.registry.CompatibilityLevel;
import io.vigil.schemas.registry.SchemaMetadata;
import io.vigil.schemas.registry.SchemaNotFoundException;
import io.vigil.schemas.registry.SchemaRegistryClient;
import io.vigil.schemas.registry.SubjectNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/** A registry client keeping subjects in memory, for unit tests without a registry server. */
public final class InMemoryRegistry implements SchemaRegistryClient {

  private final Map<Integer, Schema> byId = new LinkedHashMap<>();
  private final Map<String, List<Integer>> subjects = new LinkedHashMap<>();

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<Integer> ids = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    for (int id : ids) {
      if (byId.get(id).equals(schema)) {
        return id;
      }
    }
    int id =
        byId.entrySet().stream()
            .filter(e -> e.getValue().equals(schema))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse(byId.size() + 1);
    byId.put(id, schema);
    ids.add(id);
    return id;
  }

  @Override
  public synchronized SchemaMetadata lookup(String subject, Schema schema) {
    List<Integer> ids = subjects.getOrDefault(subject, List.of());
    for (int i = 0; i < ids.size(); i++) {
      if (byId.get(ids.get(i)).equals(schema)) {
        return new SchemaMetadata(subject, ids.get(i), i + 1, schema.toString());
      }
    }
    throw new SchemaNotFoundException("schema not found", endpoint(), subject, 404, 40403, null);
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = byId.get(id);
    if (schema == null) {
      throw new SchemaNotFoundException(
          "schema " + id + " not found", endpoint(), null, 404, 40403, null);
    }
    return schema;
  }

  @Override
  public synchronized List<String> subjects() {
    return List.copyOf(subjects.keySet());
  }

  @Override
  public synchronized List<Integer> versions(String subject) {
    int n = ids(subject).size();
    List<Integer> versions = new ArrayList<>();
    for (int v = 1; v <= n; v++) {
      versions.add(v);
    }
    return versions;
  }

  @Override
  public synchronized SchemaMetadata version(String subject, int version) {
    int id = ids(subject).get(version - 1);
    return new SchemaMetadata(subject, id, version, byId.get(id).toString());
  }

  @Override
  public synchronized SchemaMetadata latestVersion(String subject) {
    return version(subject, ids(subject).size());
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
    throw new UnsupportedOperationException("not needed by the tests");
  }

  @Override
  public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
    throw new UnsupportedOperationException("not needed by the tests");
  }

  @Override
  public synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
    List<Integer> removed = subjects.remove(subject);
    return removed == null ? List.of() : removed;
  }

  @Override
  public String endpoint() {
    return "memory:";
  }

  private List<Integer> ids(String subject) {
    List<Integer> ids = subjects.get(subject);
    if (ids == null) {
      throw new SubjectNotFoundException(
          "subject not found", endpoint(), subject, 404, 40401, null);
    }
    return ids;
  }
}
