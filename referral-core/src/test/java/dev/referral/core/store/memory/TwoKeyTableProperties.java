package dev.referral.core.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

  record Entry(Key firstKey, Key secondKey) implements TwoKeyTable.Keyed {}

  @Provide
  Arbitrary<List<Integer>> steps() {
    // >= 0: add an entry with that number; < 0: take back that many of the newest entries.
    return Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.integers().between(0, 300)),
            Tuple.of(1, Arbitraries.integers().between(-60, -1)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(400);
  }

  @Property(tries = 200)
  void givenAddsAndTakeBacks_whenLookedUpByEitherKey_thenExactlyTheEntriesInTheModelAreFound(
      @ForAll("steps") List<Integer> steps, @ForAll("hashes") int distinctHashes) {
    TwoKeyTable<Entry> table = new TwoKeyTable<>();
    List<Entry> model = new ArrayList<>();
    for (int step : steps) {
      if (step >= 0) {
        Entry entry =
            new Entry(
                new Key("id-" + step, step % distinctHashes),
                new Key("key-" + (step % 97), (step % 97) % distinctHashes));
        boolean firstTaken = model.stream().anyMatch(e -> e.firstKey().equals(entry.firstKey()));
        boolean secondTaken = model.stream().anyMatch(e -> e.secondKey().equals(entry.secondKey()));
        int expected =
            (firstTaken ? TwoKeyTable.FIRST_TAKEN : 0)
                | (secondTaken ? TwoKeyTable.SECOND_TAKEN : 0);
        assertEquals(expected, table.add(entry));
        if (expected == 0) {
          model.add(entry);
        }
      } else {
        for (int i = 0; i < -step && !model.isEmpty(); i++) {
          table.reverse(model.remove(model.size() - 1), true);
        }
      }
      assertEquals(model.size(), table.size());
      for (int i = 0; i < model.size(); i++) {
        Entry entry = model.get(i);
        assertSame(entry, table.get(i));
        assertSame(entry, table.findFirst(entry.firstKey()));
        assertSame(entry, table.findSecond(entry.secondKey()));
      }
    }
    for (int n = 0; n <= 300; n++) {
      Key first = new Key("id-" + n, n % distinctHashes);
      if (model.stream().noneMatch(e -> e.firstKey().equals(first))) {
        assertNull(table.findFirst(first));
      }
      Key second = new Key("key-" + n, n % distinctHashes);
      if (model.stream().noneMatch(e -> e.secondKey().equals(second))) {
        assertNull(table.findSecond(second));
      }
    }
  }

  @Provide
  Arbitrary<Integer> hashes() {
    return Arbitraries.of(1, 3, 17, 1_000_000);
  }
}
