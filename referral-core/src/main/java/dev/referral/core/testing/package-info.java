/** Helpers for hosts' tests: a clock that tests set and advance by hand. */
@NullMarked
package dev.referral.core.testing;

import org.jspecify.annotations.NullMarked;
