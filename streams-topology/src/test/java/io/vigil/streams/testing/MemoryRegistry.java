package io.vigil.streams.testing;

import io.vigil.schemas.registry.CompatibilityLevel;
import io.vigil.schemas.registry.SchemaMetadata;
import io.vigil.schemas.registry.SchemaNotFoundException;
import io.vigil.schemas.registry.SchemaRegistryClient;
import io.vigil.schemas.registry.SubjectNotFoundException;
import io.vigil.schemas.registry.VersionNotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * A schema registry in memory for TopologyTestDriver tests (vigil-schemas publishes no test
 * client): global ids shared by identical schemas, versions per subject, no compatibility checks.
 */
public final class MemoryRegistry implements SchemaRegistryClient {

  private static final String URL = "memory://registry";

  private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, Integer> idsBySchema = new HashMap<>();

  @Override
  public synchronized int register(String subject, Schema schema) {
    int id = idsBySchema.computeIfAbsent(schema.toString(), text -> idsBySchema.size() + 1);
    schemasById.put(id, schema);
    List<Integer> versions = versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
    if (!versions.contains(id)) {
      versions.add(id);
    }
    return id;
  }

  @Override
  public synchronized SchemaMetadata lookup(String subject, Schema schema) {
    List<Integer> versions = versionsOf(subject);
    Integer id = idsBySchema.get(schema.toString());
    if (id == null || !versions.contains(id)) {
      throw new SchemaNotFoundException("schema not registered", URL, subject, 404, 40403, null);
    }
    return new SchemaMetadata(subject, id, versions.indexOf(id) + 1, schema.toString());
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw new SchemaNotFoundException("no schema " + id, URL, null, 404, 40403, null);
    }
    return schema;
  }

  @Override
  public synchronized List<String> subjects() {
    return List.copyOf(versionsBySubject.keySet());
  }

  @Override
  public synchronized List<Integer> versions(String subject) {
    List<Integer> numbers = new ArrayList<>();
    for (int v = 1; v <= versionsOf(subject).size(); v++) {
      numbers.add(v);
    }
    return numbers;
  }

  @Override
  public synchronized SchemaMetadata version(String subject, int version) {
    List<Integer> ids = versionsOf(subject);
    if (version < 1 || version > ids.size()) {
      throw new VersionNotFoundException("no version " + version, URL, subject, 404, 40402, null);
    }
    int id = ids.get(version - 1);
    return new SchemaMetadata(subject, id, version, schemasById.get(id).toString());
  }

  @Override
  public synchronized SchemaMetadata latestVersion(String subject) {
    return version(subject, versionsOf(subject).size());
  }

  @Override
  public boolean isCompatible(String subject, Schema schema, String version) {
    return true;
  }

  @Override
  public CompatibilityLevel globalCompatibility() {
    return CompatibilityLevel.NONE;
  }

  @Override
  public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
    return Optional.empty();
  }

  @Override
  public void setGlobalCompatibility(CompatibilityLevel level) {
    // Compatibility is not enforced in memory.
  }

  @Override
  public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
    // Compatibility is not enforced in memory.
  }

  @Override
  public synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
    List<Integer> deleted = versions(subject);
    versionsBySubject.remove(subject);
    return deleted;
  }

  @Override
  public String endpoint() {
    return URL;
  }

  private List<Integer> versionsOf(String subject) {
    List<Integer> versions = versionsBySubject.get(subject);
    if (versions == null) {
      throw new SubjectNotFoundException("no subject", URL, subject, 404, 40401, null);
    }
    return versions;
  }
}
