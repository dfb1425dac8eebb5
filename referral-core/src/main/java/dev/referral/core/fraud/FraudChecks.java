package dev.referral.core.fraud;

import dev.referral.core.Lead;
import dev.referral.core.Referrer;
import dev.referral.core.Signals;
import dev.referral.core.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The fraud checks a program runs on every referral that passed the standard intake guards, in
 * order. The first check that rejects decides; every check that flags is recorded, and the lead's
 * rewards then wait for an operator. Set them with {@code
 * ReferralProgram.Builder.fraudChecks(...)}; {@link #none()} by default.
 *
 * <p>The built-in checks are static factories here. The counting checks (velocity, shared signal)
 * read the referrer's earlier referrals under a lock that lasts until the referral commits, so
 * referrals of one referrer arriving at once, on any thread or node, each count the others: a limit
 * holds at its boundary. Immutable and thread-safe.
 */
public final class FraudChecks {

  /** Referrals per code per hour above which {@link #defaults()} flags: {@value}. */
  public static final int DEFAULT_HOURLY_LIMIT = 5;

  /** Referrals per code per day above which {@link #defaults()} rejects: {@value}. */
  public static final int DEFAULT_DAILY_LIMIT = 20;

  /** Friends of one referrer sharing a signal above which {@link #defaults()} flags: {@value}. */
  public static final int DEFAULT_FRIENDS_PER_SIGNAL = 2;

  /** How far back {@link #defaults()} looks for shared signals: 30 days. */
  public static final Duration DEFAULT_SIGNAL_WINDOW = Duration.ofDays(30);

  /** A small list of well-known disposable email domains; pass your own list for more. */
  public static final Set<String> DEFAULT_DISPOSABLE_DOMAINS =
      Set.of(
          "mailinator.com",
          "guerrillamail.com",
          "sharklasers.com",
          "10minutemail.com",
          "temp-mail.org",
          "yopmail.com",
          "trashmail.com",
          "dispostable.com",
          "getnada.com",
          "maildrop.cc",
          "throwawaymail.com",
          "fakeinbox.com");

  private static final FraudChecks NONE = new FraudChecks(List.of());

  private final List<FraudCheck> checks;

  private FraudChecks(List<FraudCheck> checks) {
    this.checks = checks;
  }

  /** No checks. */
  public static FraudChecks none() {
    return NONE;
  }

  /**
   * Self-referral by any signal (reject), the same signal behind more than {@value
   * #DEFAULT_FRIENDS_PER_SIGNAL} friends in 30 days (flag), more than {@value
   * #DEFAULT_HOURLY_LIMIT} referrals per code in an hour (flag) or {@value #DEFAULT_DAILY_LIMIT} in
   * a day (reject), and {@linkplain #DEFAULT_DISPOSABLE_DOMAINS disposable email domains} (reject).
   */
  public static FraudChecks defaults() {
    return of(
        selfReferral(FraudAction.REJECT),
        sharedSignal(DEFAULT_FRIENDS_PER_SIGNAL, DEFAULT_SIGNAL_WINDOW, FraudAction.FLAG),
        velocity(DEFAULT_HOURLY_LIMIT, Duration.ofHours(1), FraudAction.FLAG),
        velocity(DEFAULT_DAILY_LIMIT, Duration.ofDays(1), FraudAction.REJECT),
        disposableEmail(DEFAULT_DISPOSABLE_DOMAINS, FraudAction.REJECT));
  }

  /**
   * {@code checks}, run in this order.
   *
   * @throws IllegalArgumentException if two checks have the same name
   */
  public static FraudChecks of(FraudCheck... checks) {
    return of(List.of(Objects.requireNonNull(checks, "checks")));
  }

  /** {@code checks}, run in this order. See {@link #of(FraudCheck...)}. */
  public static FraudChecks of(List<FraudCheck> checks) {
    List<FraudCheck> copy = List.copyOf(Objects.requireNonNull(checks, "checks"));
    Set<String> names = new HashSet<>();
    for (FraudCheck check : copy) {
      String name = Checks.identifier(check.name(), "name of check " + check);
      if (!names.add(name)) {
        throw new IllegalArgumentException("checks contains two checks named " + name);
      }
    }
    return copy.isEmpty() ? NONE : new FraudChecks(copy);
  }

  /** These checks and then {@code check}. */
  public FraudChecks and(FraudCheck check) {
    Objects.requireNonNull(check, "check");
    List<FraudCheck> all = new ArrayList<>(checks);
    all.add(check);
    return of(all);
  }

  /** The checks, in order. */
  public List<FraudCheck> checks() {
    return checks;
  }

  /** Whether there are no checks. */
  public boolean isEmpty() {
    return checks.isEmpty();
  }

  @Override
  public String toString() {
    return "FraudChecks" + checks.stream().map(FraudCheck::name).toList();
  }

  // The built-in checks

  /**
   * {@code "self-referral"}: the prospect's IP address, device or payment fingerprint matches the
   * referrer's, as recorded with the referral that brought the referrer in. (A match by email
   * alias, phone or customer ref is always rejected with {@code SELF_REFERRAL}, checks or not.)
   */
  public static FraudCheck selfReferral(FraudAction action) {
    return selfReferral(action, referrer -> Signals.NONE);
  }

  /**
   * {@code "self-referral"}, also comparing the signals the host knows of the referrer (their last
   * login's IP address, their devices, their card's fingerprint), looked up by {@code
   * referrerSignals} at each referral and hashed before comparing.
   */
  public static FraudCheck selfReferral(
      FraudAction action, Function<Referrer, Signals> referrerSignals) {
    Objects.requireNonNull(referrerSignals, "referrerSignals");
    requireHit(action);
    return FraudCheck.of(
        "self-referral",
        c -> {
          Set<String> prospect = c.prospectSignals();
          if (prospect.isEmpty()) {
            return FraudVerdict.ALLOW;
          }
          Set<String> referrer = new HashSet<>(c.referrerKeys());
          Signals known =
              Objects.requireNonNull(referrerSignals.apply(c.referrer()), "referrerSignals result");
          referrer.addAll(c.keysOf(known));
          Set<String> kinds = new TreeSet<>();
          for (String key : prospect) {
            if (referrer.contains(key)) {
              kinds.add(kind(key));
            }
          }
          return kinds.isEmpty()
              ? FraudVerdict.ALLOW
              : FraudVerdict.of(action, "same " + String.join(", ", kinds) + " as the referrer");
        });
  }

  /**
   * {@code "shared-signal"}: more than {@code maxFriends} of the referrer's referrals within {@code
   * window}, this one included, share an IP address, device or payment fingerprint.
   */
  public static FraudCheck sharedSignal(int maxFriends, Duration window, FraudAction action) {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(action, "action");
    Checks.positive(maxFriends, "maxFriends");
    requirePositive(window, "window");
    requireHit(action);
    return FraudCheck.of(
        "shared-signal",
        c -> {
          Set<String> signals = c.prospectSignals();
          if (signals.isEmpty()) {
            return FraudVerdict.ALLOW;
          }
          int sharing = 1;
          Set<String> kinds = new TreeSet<>();
          for (Lead earlier : c.referralsSince(c.now().minus(window))) {
            boolean shares = false;
            for (String key : c.signalsOf(earlier)) {
              if (signals.contains(key)) {
                kinds.add(kind(key));
                shares = true;
              }
            }
            if (shares) {
              sharing++;
            }
          }
          if (sharing <= maxFriends) {
            return FraudVerdict.ALLOW;
          }
          return FraudVerdict.of(
              action,
              sharing
                  + " referrals within "
                  + compact(window)
                  + " share a "
                  + String.join(", ", kinds)
                  + ", more than "
                  + maxFriends);
        });
  }

  /**
   * {@code "velocity-<window>"} (e.g. {@code velocity-1h}, {@code velocity-1d}): more than {@code
   * max} referrals with the same code within {@code window}, this one and rejected ones included.
   */
  public static FraudCheck velocity(int max, Duration window, FraudAction action) {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(action, "action");
    Checks.positive(max, "max");
    requirePositive(window, "window");
    requireHit(action);
    return FraudCheck.of(
        "velocity-" + compact(window),
        c -> {
          int count = 1;
          for (Lead earlier : c.referralsSince(c.now().minus(window))) {
            if (earlier.code().equals(java.util.Optional.of(c.code()))) {
              count++;
            }
          }
          if (count <= max) {
            return FraudVerdict.ALLOW;
          }
          return FraudVerdict.of(
              action,
              count
                  + " referrals with code "
                  + c.code()
                  + " within "
                  + window
                  + ", more than "
                  + max);
        });
  }

  /**
   * {@code "disposable-email"}: the prospect's email domain is one of {@code domains} or a
   * subdomain of one.
   */
  public static FraudCheck disposableEmail(Collection<String> domains, FraudAction action) {
    Objects.requireNonNull(domains, "domains");
    requireHit(action);
    Set<String> listed = new HashSet<>();
    for (String d : domains) {
      listed.add(
          Checks.notBlank(d, "domains contains a blank or null domain").toLowerCase(Locale.ROOT));
    }
    return FraudCheck.of(
        "disposable-email",
        c -> {
          if (c.request().prospect().email().isEmpty()) {
            return FraudVerdict.ALLOW;
          }
          String email = c.request().prospect().email().get();
          String domain = email.substring(email.lastIndexOf('@') + 1);
          for (String d = domain; d.contains("."); d = d.substring(d.indexOf('.') + 1)) {
            if (listed.contains(d)) {
              return FraudVerdict.of(action, "disposable email domain " + d);
            }
          }
          return FraudVerdict.ALLOW;
        });
  }

  /**
   * {@code "blocked-referrer"}: {@code blocked} says the referrer is on the host's block list (for
   * example after chargebacks), whatever their status in the program.
   */
  public static FraudCheck blockedReferrer(Predicate<Referrer> blocked, FraudAction action) {
    Objects.requireNonNull(blocked, "blocked");
    requireHit(action);
    return FraudCheck.of(
        "blocked-referrer",
        c ->
            blocked.test(c.referrer())
                ? FraudVerdict.of(action, "referrer " + c.referrer().id() + " is on the block list")
                : FraudVerdict.ALLOW);
  }

  /**
   * {@code "blocked-referrer"}: the referrer's email (with its aliases folded), phone or customer
   * ref is one of {@code identities} — so a blocked person who enrols again as {@code
   * jane.doe+2@gmail.com} is still blocked.
   */
  public static FraudCheck blockedReferrer(Collection<String> identities, FraudAction action) {
    Objects.requireNonNull(identities, "identities");
    requireHit(action);
    List<String> entries = new ArrayList<>();
    for (String i : identities) {
      entries.add(Checks.notBlank(i, "identities contains a blank or null entry"));
    }
    List<String> frozen = List.copyOf(entries);
    return FraudCheck.of(
        "blocked-referrer",
        c -> {
          Set<String> referrer = c.referrerKeys();
          for (String entry : frozen) {
            for (String key : c.identityKeysOf(entry)) {
              if (referrer.contains(key)) {
                return FraudVerdict.of(
                    action, "referrer " + c.referrer().id() + " matches the block list");
              }
            }
          }
          return FraudVerdict.ALLOW;
        });
  }

  /** {@code 1d}, {@code 6h}, {@code 90m} or {@code 45s}. */
  private static String compact(Duration d) {
    long s = d.getSeconds();
    if (d.getNano() == 0 && s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (d.getNano() == 0 && s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (d.getNano() == 0 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return d.getNano() == 0 ? s + "s" : d.toMillis() + "ms";
  }

  private static String kind(String key) {
    int colon = key.indexOf(':');
    String kind = colon < 0 ? key : key.substring(0, colon);
    return switch (kind) {
      case "ip" -> "IP address";
      case "device" -> "device";
      case "payment" -> "payment fingerprint";
      default -> kind;
    };
  }

  private static void requireHit(FraudAction action) {
    Objects.requireNonNull(action, "action");
    if (action == FraudAction.ALLOW) {
      throw new IllegalArgumentException("action must be FLAG or REJECT but was ALLOW");
    }
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive but was " + d);
    }
  }
}
