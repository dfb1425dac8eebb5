/**
 * What hosts implement or plug in: the {@link dev.referral.core.spi.ReferralStore store}, the
 * {@link dev.referral.core.spi.Notifier notifier}, the {@link
 * dev.referral.core.spi.ExistingCustomerCheck existing-customer check}, the {@link
 * dev.referral.core.spi.EmailNormalizer email normaliser} and the code and id generators. Each
 * contract is written in the interface's Javadoc; the store and notifier contracts are also tests
 * (the {@code referral-core} test-jar).
 */
@NullMarked
package dev.referral.core.spi;

import org.jspecify.annotations.NullMarked;
