/**
 * The JDBC store: {@link dev.referral.core.store.jdbc.JdbcReferralStore} keeps a referral program's
 * state in PostgreSQL (12 and later) or H2 (2.x) using only {@code java.sql}, correct across
 * several application nodes that share one database. The schema ships as versioned scripts ({@code
 * db/referral/postgresql/V1__referral.sql}, {@code db/referral/h2/V1__referral.sql}); a {@link
 * dev.referral.core.store.jdbc.ConnectionProvider} lets the store join the host's transaction.
 */
@NullMarked
package dev.referral.core.store.jdbc;

import org.jspecify.annotations.NullMarked;
