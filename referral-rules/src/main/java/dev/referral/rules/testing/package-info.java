/**
 * A test kit for users' own rules, tied to no test framework: {@link
 * dev.referral.rules.testing.RuleFixture} (given, when, expect) and {@link
 * dev.referral.rules.testing.TestData} (referrers, leads and events for tests). A failed
 * expectation throws an {@link java.lang.AssertionError} whose message explains every rule.
 */
@NullMarked
package dev.referral.rules.testing;

import org.jspecify.annotations.NullMarked;
