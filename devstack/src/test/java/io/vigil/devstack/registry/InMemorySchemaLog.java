package io.vigil.devstack.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A {@link SchemaLog} in a list, to test the registry's rules without Kafka. */
final class InMemorySchemaLog implements SchemaLog {

  private final List<StoreRecord> records = new ArrayList<>();
  private boolean failWrites;

  @Override
  public synchronized void replay(Consumer<StoreRecord> sink) {
    records.forEach(sink);
  }

  @Override
  public synchronized void append(List<StoreRecord> batch) {
    if (failWrites) {
      throw RegistryException.store("log unavailable", null);
    }
    records.addAll(batch);
  }

  @Override
  public boolean writable() {
    return !failWrites;
  }

  @Override
  public String describe() {
    return "in-memory log";
  }

  @Override
  public void close() {}

  synchronized List<StoreRecord> records() {
    return List.copyOf(records);
  }

  /** Keeps only the last record per key, as Kafka compaction eventually does. */
  synchronized void compact() {
    List<StoreRecord> kept = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      String key = records.get(i).key();
      boolean laterExists = false;
      for (int j = i + 1; j < records.size(); j++) {
        if (records.get(j).key().equals(key)) {
          laterExists = true;
          break;
        }
      }
      if (!laterExists && records.get(i).value() != null) {
        kept.add(records.get(i));
      }
    }
    records.clear();
    records.addAll(kept);
  }

  synchronized void add(StoreRecord record) {
    records.add(record);
  }

  void failWrites(boolean fail) {
    this.failWrites = fail;
  }
}
