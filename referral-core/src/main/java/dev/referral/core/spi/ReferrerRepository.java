package dev.referral.core.spi;

import dev.referral.core.ReferralCode;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerId;
import java.util.Optional;

/** Referrers and their codes. Codes are unique across all referrers, retired ones included. */
public interface ReferrerRepository {

  /**
   * Saves a new referrer.
   *
   * @throws DuplicateKeyException if the id exists or one of its codes belongs to another referrer
   */
  void insert(Referrer referrer);

  /**
   * Replaces a referrer with a newer version ({@code stored version + 1}).
   *
   * @throws StoreConflictException if the stored version is not one lower
   * @throws DuplicateKeyException if a new code belongs to another referrer
   * @throws dev.referral.core.UnknownIdException if the referrer does not exist
   */
  void update(Referrer referrer);

  /** The referrer with {@code id}, if any. */
  Optional<Referrer> find(ReferrerId id);

  /** The referrer that was issued {@code code}, retired or not, if any. */
  Optional<Referrer> findByCode(ReferralCode code);
}
