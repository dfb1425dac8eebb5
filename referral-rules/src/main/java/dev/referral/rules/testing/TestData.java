package dev.referral.rules.testing;

import dev.referral.core.Engagement;
import dev.referral.core.EventId;
import dev.referral.core.IssuedCode;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.LeadTransition;
import dev.referral.core.Money;
import dev.referral.core.OrderId;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralCode;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerId;
import dev.referral.core.ReferrerKind;
import dev.referral.core.ReferrerStatus;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.LeadMoved;
import dev.referral.core.event.LeadReferred;
import dev.referral.core.event.RepeatPurchase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Referrers, leads and events for tests of rules, with plain defaults: everything happens at {@link
 * #NOW}, ids derive from the names given, so failure messages stay readable.
 *
 * <pre>{@code
 * Referrer anna = TestData.customer("anna");
 * Lead lead = TestData.leadOf(anna);
 * LeadConverted bought = TestData.converted(lead, Money.of(120, "EUR"));
 * }</pre>
 */
public final class TestData {

  /** The time of every value made here unless given: 2025-03-14T10:00:00Z, a Friday. */
  public static final Instant NOW = Instant.parse("2025-03-14T10:00:00Z");

  /** The attribution window of the leads made here: 90 days. */
  public static final Duration ATTRIBUTION_WINDOW = Duration.ofDays(90);

  private TestData() {}

  /** An active customer referrer with id {@code id}, enrolled a year before {@link #NOW}. */
  public static Referrer customer(String id) {
    Objects.requireNonNull(id, "id");
    return referrer(id, ReferrerKind.CUSTOMER);
  }

  /** An active partner referrer with id {@code id}. */
  public static Referrer partner(String id) {
    Objects.requireNonNull(id, "id");
    return referrer(id, ReferrerKind.PARTNER);
  }

  /** An active referrer of {@code kind} with id {@code id}, consenting to be contacted. */
  public static Referrer referrer(String id, ReferrerKind kind) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(kind, "kind");
    ReferrerId referrerId = ReferrerId.of(id);
    Instant enrolled = NOW.minus(Duration.ofDays(365));
    return new Referrer(
        referrerId,
        kind,
        ReferrerStatus.ACTIVE,
        id,
        Optional.of(email(id)),
        Optional.empty(),
        Optional.empty(),
        true,
        List.of(IssuedCode.active(code(id), enrolled)),
        enrolled,
        Optional.empty(),
        Engagement.NONE,
        1);
  }

  /** A new lead of {@code referrer}, referred at {@link #NOW} through a link. */
  public static Lead leadOf(Referrer referrer) {
    Objects.requireNonNull(referrer, "referrer");
    return lead("lead-of-" + referrer.id(), referrer, "link", NOW);
  }

  /**
   * A lead {@code id} of {@code referrer} from {@code source}, referred at {@code referredAt},
   * whose prospect is a new customer.
   */
  public static Lead lead(String id, Referrer referrer, String source, Instant referredAt) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(referrer, "referrer");
    Objects.requireNonNull(referrer, "referrer");
    Objects.requireNonNull(referredAt, "referredAt");
    return new Lead(
        LeadId.of(id),
        Optional.of(referrer.id()),
        Optional.of(referrer.primaryCode()),
        Prospect.withEmail("Prospect " + id, email(id)),
        source,
        LeadStatus.REFERRED,
        Optional.empty(),
        referredAt,
        referredAt.plus(ATTRIBUTION_WINDOW),
        Optional.empty(),
        List.of(LeadTransition.initial(LeadStatus.REFERRED, referredAt, "")),
        1);
  }

  /** A copy of {@code lead} whose prospect already has a customer account. */
  public static Lead existingCustomer(Lead lead) {
    Objects.requireNonNull(lead, "lead");
    Prospect p = lead.prospect();
    return new Lead(
        lead.id(),
        lead.referrerId(),
        lead.code(),
        new Prospect(p.name(), p.email(), p.phone(), Optional.of("customer-" + lead.id())),
        lead.source(),
        lead.status(),
        lead.rejection(),
        lead.referredAt(),
        lead.expiresAt(),
        lead.conversion(),
        lead.history(),
        lead.version());
  }

  /** The event of {@code lead} being referred. */
  public static LeadReferred referred(Lead lead) {
    Objects.requireNonNull(lead, "lead");
    return new LeadReferred(
        eventId(lead, "referred"),
        lead.referredAt(),
        lead.id(),
        referrerOf(lead),
        lead.code().orElseGet(() -> ReferralCode.parse("TEST")),
        lead.source());
  }

  /** The event of {@code lead} moving to {@code to} at {@link #NOW}. */
  public static LeadMoved moved(Lead lead, LeadStatus to) {
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(to, "to");
    return new LeadMoved(
        eventId(lead, "moved-" + to.name().toLowerCase(Locale.ROOT)),
        NOW,
        lead.id(),
        referrerOf(lead),
        lead.status(),
        to,
        "");
  }

  /** An order of {@code amount} at {@link #NOW}, in {@code categories}. */
  public static Purchase purchase(String orderId, Money amount, String... categories) {
    Objects.requireNonNull(categories, "categories");
    return new Purchase(OrderId.of(orderId), amount, NOW, Set.of(), Set.of(categories));
  }

  /** The event of {@code lead} converting with an order of {@code amount} at {@link #NOW}. */
  public static LeadConverted converted(Lead lead, Money amount) {
    Objects.requireNonNull(lead, "lead");
    return converted(lead, purchase("order-of-" + lead.id(), amount));
  }

  /** The event of {@code lead} converting with {@code purchase}, at the purchase's time. */
  public static LeadConverted converted(Lead lead, Purchase purchase) {
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(purchase, "purchase");
    return new LeadConverted(
        eventId(lead, "converted-" + purchase.orderId()),
        purchase.at(),
        lead.id(),
        referrerOf(lead),
        lead.status(),
        purchase);
  }

  /** The event of converted {@code lead} ordering again for {@code amount} at {@link #NOW}. */
  public static RepeatPurchase repeatPurchase(Lead lead, String orderId, Money amount) {
    Objects.requireNonNull(lead, "lead");
    Purchase purchase = purchase(orderId, amount);
    return new RepeatPurchase(
        eventId(lead, "repeat-" + orderId), NOW, lead.id(), referrerOf(lead), purchase);
  }

  private static ReferrerId referrerOf(Lead lead) {
    return lead.referrerId()
        .orElseThrow(() -> new IllegalArgumentException("lead " + lead.id() + " has no referrer"));
  }

  private static EventId eventId(Lead lead, String what) {
    String id = "E-" + lead.id() + "-" + what;
    return EventId.of(id.length() <= 64 ? id : id.substring(0, 64));
  }

  private static String email(String id) {
    String local = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    return (local.isEmpty() ? "someone" : local) + "@example.com";
  }

  private static ReferralCode code(String id) {
    String letters = id.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    String code = "REF" + letters;
    return new ReferralCode(
        code.length() <= ReferralCode.MAX_LENGTH ? code : code.substring(0, 32));
  }
}
