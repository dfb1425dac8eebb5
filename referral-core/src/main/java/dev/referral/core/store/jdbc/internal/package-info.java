/** The JDBC store's implementation: SQL, transactions, error mapping and the stored JSON form. */
@NullMarked
package dev.referral.core.store.jdbc.internal;

import org.jspecify.annotations.NullMarked;
