package dev.referral.core.spi;

import dev.referral.core.EventId;
import java.util.List;
import java.util.Optional;

/** Policy failures waiting to be retried, one per event. */
public interface DecisionFailureRepository {

  /**
   * Saves a new failure.
   *
   * @throws DuplicateKeyException if one exists for the event
   */
  void insert(DecisionFailure failure);

  /**
   * Replaces a failure with a newer version ({@code stored version + 1}).
   *
   * @throws StoreConflictException if the stored version is not one lower
   */
  void update(DecisionFailure failure);

  /** The failure recorded for {@code eventId}, if any. */
  Optional<DecisionFailure> find(EventId eventId);

  /** Up to {@code limit} unresolved failures, oldest first. */
  List<DecisionFailure> findUnresolved(int limit);
}
