package dev.referral.core.fraud;

import dev.referral.core.Lead;
import dev.referral.core.ReferralCode;
import dev.referral.core.ReferralRequest;
import dev.referral.core.Referrer;
import dev.referral.core.Signals;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a {@link FraudCheck} sees of a referral: the request, the referrer, and read access to the
 * referrer's earlier referrals. Valid only during the check.
 *
 * <p>People are compared by <em>identity keys</em>, opaque strings with a prefix: {@code email:}
 * (the address folded by the program's {@link dev.referral.core.spi.EmailNormalizer}), {@code
 * phone:}, {@code customer:}, and, for signals, {@code ip:}, {@code device:} and {@code payment:}
 * followed by a hash salted with the program's signal salt. Raw signals are never stored.
 */
public interface FraudContext {

  /** The time of the referral, by the program's clock. */
  Instant now();

  /** The referral as the host passed it. */
  ReferralRequest request();

  /** The referrer whose code was used; active, and not the prospect by email, phone or ref. */
  Referrer referrer();

  /** The code used. */
  ReferralCode code();

  /** The prospect's identity keys, hashed signals included. */
  Set<String> prospectKeys();

  /** The prospect's hashed signal keys only; empty when the host passed no signals. */
  Set<String> prospectSignals();

  /**
   * The referrer's identity keys: email, phone and customer ref, plus the hashed signals of the
   * referral that once brought the referrer in, if they were referred themselves.
   */
  Set<String> referrerKeys();

  /** The keys of {@code signals}, hashed with the program's salt, e.g. to compare host data. */
  Set<String> keysOf(Signals signals);

  /**
   * The identity keys of an email address or phone number as the program folds them; none if it is
   * neither.
   */
  Set<String> identityKeysOf(String emailOrPhone);

  /**
   * The referrer's referrals at or after {@code since}, rejected ones included. The first call
   * locks the referrer's referrals until this referral commits, so concurrent referrals of one
   * referrer each see the others.
   */
  List<Lead> referralsSince(Instant since);

  /** The hashed signal keys stored with an earlier {@code lead}. */
  Set<String> signalsOf(Lead lead);
}
