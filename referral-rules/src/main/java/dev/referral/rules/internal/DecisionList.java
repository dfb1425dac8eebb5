package dev.referral.rules.internal;

import dev.referral.core.policy.Decision;
import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/** An unmodifiable view of the first {@code size} decisions of an array the engine filled. */
final class DecisionList extends AbstractList<Decision> implements RandomAccess {
  private final Decision[] decisions;
  private final int size;

  DecisionList(Decision[] decisions, int size) {
    this.decisions = decisions;
    this.size = size;
  }

  @Override
  public Decision get(int index) {
    Objects.checkIndex(index, size);
    return decisions[index];
  }

  @Override
  public int size() {
    return size;
  }
}
