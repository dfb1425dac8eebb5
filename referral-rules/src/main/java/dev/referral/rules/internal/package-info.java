/** Implementation classes. Nothing in this package is public API: it may change in any release. */
@NullMarked
package dev.referral.rules.internal;

import org.jspecify.annotations.NullMarked;
