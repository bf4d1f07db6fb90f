package io.vigil.schemas.registry;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Caches the immutable answers of another client, so that a serializer registers or looks up a
 * schema once per (subject, schema) and a deserializer fetches a schema once per id. Lists, latest
 * versions and configuration are not cached: they change. Thread-safe; the caches grow with the
 * number of distinct schemas, which is small and bounded in Vigil.
 */
public final class CachedSchemaRegistryClient implements SchemaRegistryClient {

  private record Key(String subject, Schema schema) {}

  private final SchemaRegistryClient delegate;
  private final Map<Key, Integer> idsBySchema = new ConcurrentHashMap<>();
  private final Map<Key, SchemaMetadata> lookups = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  /** Caches the answers of {@code delegate}. */
  public CachedSchemaRegistryClient(SchemaRegistryClient delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** {@code client} itself if it already caches, otherwise a caching wrapper around it. */
  public static SchemaRegistryClient wrap(SchemaRegistryClient client) {
    return client instanceof CachedSchemaRegistryClient
        ? client
        : new CachedSchemaRegistryClient(client);
  }

  @Override
  public int register(String subject, Schema schema) {
    Key key = new Key(subject, schema);
    Integer cached = idsBySchema.get(key);
    if (cached != null) {
      return cached;
    }
    int id = delegate.register(subject, schema);
    idsBySchema.put(key, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public SchemaMetadata lookup(String subject, Schema schema) {
    Key key = new Key(subject, schema);
    SchemaMetadata cached = lookups.get(key);
    if (cached != null) {
      return cached;
    }
    SchemaMetadata found = delegate.lookup(subject, schema);
    lookups.put(key, found);
    idsBySchema.put(key, found.id());
    schemasById.putIfAbsent(found.id(), schema);
    return found;
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    Schema schema = delegate.schemaById(id);
    Schema previous = schemasById.putIfAbsent(id, schema);
    return previous != null ? previous : schema;
  }

  @Override
  public List<String> subjects() {
    return delegate.subjects();
  }

  @Override
  public List<Integer> versions(String subject) {
    return delegate.versions(subject);
  }

  @Override
  public SchemaMetadata version(String subject, int version) {
    return delegate.version(subject, version);
  }

  @Override
  public SchemaMetadata latestVersion(String subject) {
    return delegate.latestVersion(subject);
  }

  @Override
  public boolean isCompatible(String subject, Schema schema, String version) {
    return delegate.isCompatible(subject, schema, version);
  }

  @Override
  public CompatibilityLevel globalCompatibility() {
    return delegate.globalCompatibility();
  }

  @Override
  public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
    return delegate.subjectCompatibility(subject);
  }

  @Override
  public void setGlobalCompatibility(CompatibilityLevel level) {
    delegate.setGlobalCompatibility(level);
  }

  @Override
  public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
    delegate.setSubjectCompatibility(subject, level);
  }

  /** Deletes the subject and forgets what was cached for it (ids stay valid for reading). */
  @Override
  public List<Integer> deleteSubject(String subject, boolean permanent) {
    List<Integer> deleted = delegate.deleteSubject(subject, permanent);
    idsBySchema.keySet().removeIf(k -> k.subject().equals(subject));
    lookups.keySet().removeIf(k -> k.subject().equals(subject));
    return deleted;
  }

  @Override
  public String endpoint() {
    return delegate.endpoint();
  }

  @Override
  public String toString() {
    return "CachedSchemaRegistryClient[" + delegate + "]";
  }
}
