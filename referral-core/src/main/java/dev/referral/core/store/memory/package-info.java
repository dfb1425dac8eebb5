/** The in-memory store: the embedded default, thread-safe, for tests, examples and small shops. */
@NullMarked
package dev.referral.core.store.memory;

import org.jspecify.annotations.NullMarked;
