package dev.referral.core.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The in-memory store's {@link IdTable} reads like a map: whatever values are added and replaced,
 * with keys whose hashes collide often, in transactions some of which roll back (taking additions
 * out of the middle of probe chains), it finds every key's value, and nothing for the others.
 */
class IdTableProperties {

  /** A key whose hash is given, so that keys collide. */
  record Key(int id, int hash) {
    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.id == id;
    }
  }

  /** A value carrying its key, with a version to tell replacements apart. */
  record Value(Key key, int version) {}

  /** One write: add (or replace when present) the value with key {@code id}. */
  record Write(int id, boolean replace) {}

  record Batch(List<Write> writes, boolean rolledBack) {}

  @Provide
  Arbitrary<List<Batch>> batches() {
    Arbitrary<Write> write =
        Combinators.combine(Arbitraries.integers().between(0, 300), Arbitraries.of(false, true))
            .as(Write::new);
    return Combinators.combine(write.list().ofMaxSize(30), Arbitraries.of(false, false, true))
        .as(Batch::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(40);
  }

  private static Key key(int id, int hashes) {
    return new Key(id, (id % hashes) * 16); // equal low bits: long probe chains
  }

  @Property(tries = 300)
  void givenBatchesOfWrites_whenSomeRollBack_thenTheTableReadsLikeAMap(
      @ForAll("batches") List<Batch> batches, @ForAll("hashCounts") int hashes) {
    UndoLog undo = new UndoLog();
    IdTable<Key, Value> table = new IdTable<>(Value::key, undo);
    Map<Key, Value> model = new HashMap<>();
    int version = 0;
    for (Batch batch : batches) {
      Map<Key, Value> next = new HashMap<>(model);
      for (Write write : batch.writes()) {
        Value value = new Value(key(write.id(), hashes), ++version);
        if (next.containsKey(value.key())) {
          assertEquals(false, table.putNew(value));
          if (write.replace()) {
            assertEquals(next.get(value.key()), table.replace(value));
            next.put(value.key(), value);
          }
        } else {
          assertEquals(null, table.replace(value)); // absent: nothing replaced
          assertEquals(true, table.putNew(value));
          next.put(value.key(), value);
        }
      }
      if (batch.rolledBack()) {
        undo.rollback();
      } else {
        undo.clear();
        model = next;
      }
      assertEquals(model.size(), table.size());
      for (int id = 0; id <= 300; id++) {
        Key key = key(id, hashes);
        assertEquals(model.get(key), table.get(key), "key " + id);
      }
    }
  }

  @Provide
  Arbitrary<Integer> hashCounts() {
    return Arbitraries.of(1, 3, 17, 1_000);
  }
}
