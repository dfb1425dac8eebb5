package dev.referral.core.spi;

import dev.referral.core.Prospect;
import java.util.Objects;

/**
 * Tells the program whether a prospect is already a customer of the host's shop; such referrals are
 * rejected with {@code ALREADY_CUSTOMER}. Called at intake, inside the referral's transaction, so
 * it should be fast. Must be thread-safe. If it throws, the referral is accepted but flagged for
 * review ({@code existing-customer-check}): its rewards wait for an operator.
 */
@FunctionalInterface
public interface ExistingCustomerCheck {

  /** A check that treats every prospect as new. */
  ExistingCustomerCheck NONE =
      prospect -> {
        Objects.requireNonNull(prospect, "prospect");
        return false;
      };

  /** Whether {@code prospect} is already a customer. */
  boolean isExistingCustomer(Prospect prospect);
}
