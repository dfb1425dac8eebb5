package dev.referral.core.internal;

import dev.referral.core.spi.StoreConflictException;
import java.util.Objects;

/** The optimistic version checks that the stores share, with one wording of the conflict. */
public final class StoreConflicts {
  private StoreConflicts() {}

  /**
   * The conflict of an update of {@code kind} {@code id} with version {@code next} over the stored
   * version {@code stored}.
   */
  public static StoreConflictException versionMismatch(
      String kind, Object id, long stored, long next) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    return new StoreConflictException(
        kind
            + " "
            + id
            + " was changed concurrently: stored version "
            + stored
            + ", update has version "
            + next);
  }

  /** Throws {@link #versionMismatch} unless {@code next} is the version after {@code stored}. */
  public static void checkNext(String kind, Object id, long stored, long next) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    if (next != stored + 1) {
      throw versionMismatch(kind, id, stored, next);
    }
  }
}
