package io.vigil.schemas.testing;

import io.vigil.schemas.registry.CompatibilityChecker;
import io.vigil.schemas.registry.CompatibilityLevel;
import io.vigil.schemas.registry.IncompatibleSchemaException;
import io.vigil.schemas.registry.SchemaMetadata;
import io.vigil.schemas.registry.SchemaNotFoundException;
import io.vigil.schemas.registry.SchemaRegistryClient;
import io.vigil.schemas.registry.SubjectNotFoundException;
import io.vigil.schemas.registry.VersionNotFoundException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/**
 * Registry in memory, for unit tests only: ids are global and shared by identical schemas, as in
 * Confluent's registry; compatibility is enforced; calls are counted so tests can prove caching.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {

  private static final String URL = "mem://registry";

  private final Map<String, List<Integer>> subjects = new HashMap<>();
  private final Map<Integer, Schema> schemasById = new HashMap<>();
  private final Map<String, Integer> idsByText = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;
  private int nextId = 1;

  /** Calls of {@link #register}. */
  public final AtomicInteger registerCalls = new AtomicInteger();

  /** Calls of {@link #lookup}. */
  public final AtomicInteger lookupCalls = new AtomicInteger();

  /** Calls of {@link #schemaById}. */
  public final AtomicInteger schemaByIdCalls = new AtomicInteger();

  @Override
  public synchronized int register(String subject, Schema schema) {
    registerCalls.incrementAndGet();
    List<Integer> ids = subjects.computeIfAbsent(subject, s -> new ArrayList<>());
    Integer existing = idsByText.get(schema.toString());
    if (existing != null && ids.contains(existing)) {
      return existing;
    }
    List<Schema> previous = ids.stream().map(schemasById::get).toList();
    List<String> problems = CompatibilityChecker.problems(level(subject), schema, previous);
    if (!problems.isEmpty()) {
      throw new IncompatibleSchemaException(
          "Schema being registered is incompatible: " + problems, URL, subject, 409, 409, null);
    }
    int id = existing != null ? existing : nextId++;
    schemasById.put(id, schema);
    idsByText.put(schema.toString(), id);
    ids.add(id);
    return id;
  }

  /** Registers {@code schema} under the given id, to reproduce golden bytes with fixed ids. */
  public synchronized void registerWithId(String subject, Schema schema, int id) {
    schemasById.put(id, schema);
    idsByText.put(schema.toString(), id);
    subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
  }

  @Override
  public synchronized SchemaMetadata lookup(String subject, Schema schema) {
    lookupCalls.incrementAndGet();
    List<Integer> ids = idsOf(subject);
    Integer id = idsByText.get(schema.toString());
    if (id == null || !ids.contains(id)) {
      throw new SchemaNotFoundException("Schema not found", URL, subject, 404, 40403, null);
    }
    return new SchemaMetadata(subject, id, ids.indexOf(id) + 1, schema.toString());
  }

  @Override
  public synchronized Schema schemaById(int id) {
    schemaByIdCalls.incrementAndGet();
    Schema schema = schemasById.get(id);
    if (schema == null) {
      throw new SchemaNotFoundException("Schema " + id + " not found", URL, null, 404, 40403, null);
    }
    return schema;
  }

  @Override
  public synchronized List<String> subjects() {
    return List.copyOf(subjects.keySet());
  }

  @Override
  public synchronized List<Integer> versions(String subject) {
    List<Integer> versions = new ArrayList<>();
    for (int v = 1; v <= idsOf(subject).size(); v++) {
      versions.add(v);
    }
    return versions;
  }

  @Override
  public synchronized SchemaMetadata version(String subject, int version) {
    List<Integer> ids = idsOf(subject);
    if (version < 1 || version > ids.size()) {
      throw new VersionNotFoundException("Version not found", URL, subject, 404, 40402, null);
    }
    int id = ids.get(version - 1);
    return new SchemaMetadata(subject, id, version, schemasById.get(id).toString());
  }

  @Override
  public synchronized SchemaMetadata latestVersion(String subject) {
    return version(subject, idsOf(subject).size());
  }

  @Override
  public synchronized boolean isCompatible(String subject, Schema schema, String version) {
    List<Schema> previous = idsOf(subject).stream().map(schemasById::get).toList();
    return CompatibilityChecker.problems(level(subject), schema, previous).isEmpty();
  }

  @Override
  public synchronized CompatibilityLevel globalCompatibility() {
    return globalLevel;
  }

  @Override
  public synchronized Optional<CompatibilityLevel> subjectCompatibility(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  @Override
  public synchronized void setGlobalCompatibility(CompatibilityLevel level) {
    globalLevel = level;
  }

  @Override
  public synchronized void setSubjectCompatibility(String subject, CompatibilityLevel level) {
    subjectLevels.put(subject, level);
  }

  @Override
  public synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
    List<Integer> versions = versions(subject);
    subjects.remove(subject);
    return versions;
  }

  @Override
  public String endpoint() {
    return URL;
  }

  private CompatibilityLevel level(String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }

  private List<Integer> idsOf(String subject) {
    List<Integer> ids = subjects.get(subject);
    if (ids == null || ids.isEmpty()) {
      throw new SubjectNotFoundException(
          "Subject '" + subject + "' not found.", URL, subject, 404, 40401, null);
    }
    return ids;
  }
}
