package dev.referral.core.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link TwoKeyTable} finds every entry by both keys, and no other, through growth and take-backs
 * of the newest entries, with keys whose hashes collide often (so that take-backs must move other
 * entries of a probe run).
 */
class TwoKeyTableProperties {

  /** A key whose hash is chosen: few distinct hashes make long probe runs. */
  record Key(String name, int hash) {
    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.name.equals(name);
    }
  }

  record Entry(Key firstKey, Key secondKey) {}

  @Provide
  Arbitrary<List<Integer>> steps() {
    // 0-300: add an entry with that number; < 0: take back that many of the newest entries;
    // >= 1000: replace a value, and take the replacement back when even.
    return Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.integers().between(0, 300)),
            Tuple.of(1, Arbitraries.integers().between(-60, -1)),
            Tuple.of(2, Arbitraries.integers().between(1000, 2000)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(400);
  }

  @Property(tries = 200)
  void givenAddsAndTakeBacks_whenLookedUpByEitherKey_thenExactlyTheEntriesInTheModelAreFound(
      @ForAll("steps") List<Integer> steps, @ForAll("hashes") int distinctHashes) {
    TwoKeyTable<Entry> table = new TwoKeyTable<>(Entry::firstKey);
    List<Entry> model = new ArrayList<>(); // as added: their keys
    List<Entry> current = new ArrayList<>(); // as replaced since
    for (int step : steps) {
      if (step >= 1000) {
        if (!model.isEmpty()) {
          int position = step % model.size();
          Entry next =
              new Entry(
                  model.get(position).firstKey(), new Key("v-" + step, step % distinctHashes));
          UndoLog undo = new UndoLog();
          table.set(position, next, undo);
          assertSame(next, table.get(position));
          if (step % 2 == 0) {
            undo.rollback();
          } else {
            current.set(position, next);
          }
        }
      } else if (step >= 0) {
        Entry entry =
            new Entry(
                new Key("id-" + step, step % distinctHashes),
                new Key("key-" + (step % 97), (step % 97) % distinctHashes));
        boolean firstTaken = model.stream().anyMatch(e -> e.firstKey().equals(entry.firstKey()));
        boolean secondTaken = model.stream().anyMatch(e -> e.secondKey().equals(entry.secondKey()));
        int expected =
            (firstTaken ? TwoKeyTable.FIRST_TAKEN : 0)
                | (secondTaken ? TwoKeyTable.SECOND_TAKEN : 0);
        int added = table.add(entry, entry.secondKey());
        if (expected == 0) {
          assertEquals(model.size(), added);
          model.add(entry);
          current.add(entry);
        } else {
          assertEquals(-expected, added);
        }
      } else {
        for (int i = 0; i < -step && !model.isEmpty(); i++) {
          model.remove(model.size() - 1);
          table.reverse(current.remove(current.size() - 1), true);
        }
      }
      assertEquals(model.size(), table.size());
      for (int i = 0; i < model.size(); i++) {
        Entry entry = model.get(i);
        assertSame(current.get(i), table.get(i));
        assertEquals(i, table.findFirst(entry.firstKey()));
        assertEquals(i, table.findSecond(entry.secondKey()));
      }
    }
    for (int n = 0; n <= 300; n++) {
      Key first = new Key("id-" + n, n % distinctHashes);
      if (model.stream().noneMatch(e -> e.firstKey().equals(first))) {
        assertEquals(-1, table.findFirst(first));
      }
      Key second = new Key("key-" + n, n % distinctHashes);
      if (model.stream().noneMatch(e -> e.secondKey().equals(second))) {
        assertEquals(-1, table.findSecond(second));
      }
    }
  }

  @Provide
  Arbitrary<Integer> hashes() {
    return Arbitraries.of(1, 3, 17, 1_000_000);
  }
}
