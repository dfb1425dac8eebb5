package dev.referral.core.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link DueHeap} gives its entries back in the order of their instants, then of their ids,
 * whatever the order they were added in (equal instants and repeated entries included), and the
 * undo log puts back what {@link DueHeap#poll} took when a transaction rolls back.
 */
class DueHeapProperties {

  /** An entry as the model keeps it. */
  record Entry(Instant at, String id, int position) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparing(Entry::at).thenComparing(Entry::id);

  @Provide
  Arbitrary<List<Integer>> steps() {
    // >= 0: add an entry (instant and position from the number: few instants, so many ties);
    // -1 to -5: poll that many in a transaction that commits; -6 to -10: one that rolls back.
    return Arbitraries.frequencyOf(
            Tuple.of(5, Arbitraries.integers().between(0, 10_000)),
            Tuple.of(2, Arbitraries.integers().between(-10, -1)))
        .list()
        .ofMinSize(1)
        .ofMaxSize(300);
  }

  @Property(tries = 300)
  void givenAddsAndPolls_whenSomeRollBack_thenEntriesComeOutInInstantThenTieOrder(
      @ForAll("steps") List<Integer> steps) {
    DueHeap heap = new DueHeap();
    List<Entry> model = new ArrayList<>();
    for (int step : steps) {
      if (step >= 0) {
        int position = step % 50;
        Entry entry =
            new Entry(Instant.ofEpochSecond(step % 13, (step / 13) % 3), "F-" + position, position);
        heap.add(entry.at(), entry.id(), entry.position());
        model.add(entry);
      } else {
        UndoLog undo = new UndoLog();
        List<Entry> before = new ArrayList<>(model);
        model.sort(ORDER);
        int polls = Math.min(model.size(), -step > 5 ? -step - 5 : -step);
        for (int i = 0; i < polls; i++) {
          Entry expected = model.remove(0);
          assertEquals(false, heap.isTopAfter(expected.at()));
          assertEquals(true, heap.isTopAt(expected.at()));
          assertEquals(expected.id(), heap.topId());
          heap.poll(undo);
        }
        if (-step > 5) {
          undo.rollback();
          model = before;
        } else {
          undo.clear();
        }
      }
      assertEquals(model.size(), heap.size());
    }
    model.sort(ORDER);
    UndoLog undo = new UndoLog();
    for (Entry expected : model) {
      assertEquals(true, heap.isTopAt(expected.at()));
      assertEquals(expected.id(), heap.topId());
      heap.poll(undo);
    }
    assertEquals(0, heap.size());
  }
}
