package dev.referral.core.internal;

import dev.referral.core.Conversion;
import dev.referral.core.ConversionResult;
import dev.referral.core.DispatchSummary;
import dev.referral.core.Engagement;
import dev.referral.core.Enrolment;
import dev.referral.core.EventId;
import dev.referral.core.FollowUp;
import dev.referral.core.IllegalRewardTransitionException;
import dev.referral.core.Incentive;
import dev.referral.core.IssuedCode;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.LeadTransition;
import dev.referral.core.MaintenanceSummary;
import dev.referral.core.Money;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.ReferralCode;
import dev.referral.core.ReferralException;
import dev.referral.core.ReferralProgram;
import dev.referral.core.ReferralRequest;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerId;
import dev.referral.core.ReferrerKind;
import dev.referral.core.ReferrerStatus;
import dev.referral.core.Refund;
import dev.referral.core.RefundResult;
import dev.referral.core.Rejection;
import dev.referral.core.RejectionReason;
import dev.referral.core.RetrySummary;
import dev.referral.core.Reward;
import dev.referral.core.RewardId;
import dev.referral.core.RewardStatus;
import dev.referral.core.Satisfaction;
import dev.referral.core.SourceReport;
import dev.referral.core.Subscription;
import dev.referral.core.UnknownIdException;
import dev.referral.core.event.CodeIssued;
import dev.referral.core.event.CodeRetired;
import dev.referral.core.event.ConsentChanged;
import dev.referral.core.event.LeadConverted;
import dev.referral.core.event.LeadFlagged;
import dev.referral.core.event.LeadMoved;
import dev.referral.core.event.LeadReferred;
import dev.referral.core.event.LeadRejected;
import dev.referral.core.event.OrderRefunded;
import dev.referral.core.event.PartnerReferralSent;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.event.ReferrerEnrolled;
import dev.referral.core.event.ReferrerStatusChanged;
import dev.referral.core.event.RepeatPurchase;
import dev.referral.core.event.RewardAdjusted;
import dev.referral.core.event.RewardApproved;
import dev.referral.core.event.RewardExpired;
import dev.referral.core.event.RewardRedeemed;
import dev.referral.core.event.RewardRevoked;
import dev.referral.core.event.SatisfactionRecorded;
import dev.referral.core.spi.DecisionFailure;
import dev.referral.core.spi.DuplicateKeyException;
import dev.referral.core.spi.OrderRecord;
import dev.referral.core.spi.StoreConflictException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The program facade's implementation. Thread-safe: all state is in the store. */
public final class DefaultReferralProgram implements ReferralProgram {
  private static final Logger log = LoggerFactory.getLogger(DefaultReferralProgram.class);

  /** Attempts of a command that loses a race before the conflict is reported. */
  static final int MAX_COMMAND_ATTEMPTS = 8;

  private static final int SWEEP_BATCH = 200;

  /** The name of the flag a failing {@code ExistingCustomerCheck} puts on a referral. */
  static final String EXISTING_CUSTOMER_CHECK = "existing-customer-check";

  private final ProgramConfig config;
  private final Identities identities;
  private final EventBus bus = new EventBus();
  private final Dispatcher dispatcher;

  /** A program with {@code config}. */
  public DefaultReferralProgram(ProgramConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.identities = new Identities(config.emailNormalizer, config.signalSalt, config.callingCode);
    this.dispatcher = new Dispatcher(this, config);
  }

  // The command runner

  /**
   * Runs {@code command} in a transaction, retrying when a concurrent transaction won a race, then
   * publishes the committed events.
   */
  <T> T execute(Function<Unit, T> command) {
    for (int attempt = 1; ; attempt++) {
      Instant now = config.clock.instant();
      Unit[] unit = new Unit[1];
      try {
        T result =
            config.store.inTransaction(
                tx -> {
                  unit[0] = new Unit(tx, now, config);
                  T r = command.apply(unit[0]);
                  unit[0].decideAll();
                  return r;
                });
        bus.publish(unit[0].emitted);
        return result;
      } catch (StoreConflictException | DuplicateKeyException e) {
        if (attempt >= MAX_COMMAND_ATTEMPTS) {
          throw e;
        }
        log.debug("Command lost a race (attempt {}), retrying: {}", attempt, e.getMessage());
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(1, 1 + Math.min(50, 2 << attempt)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReferralException("interrupted while retrying a command", e);
    }
  }

  /** Runs a read-only query in a transaction. */
  <T> T read(Function<Unit, T> query) {
    Instant now = config.clock.instant();
    return config.store.inTransaction(tx -> query.apply(new Unit(tx, now, config)));
  }

  // Referrers

  @Override
  public Referrer enrol(Enrolment enrolment) {
    Objects.requireNonNull(enrolment, "enrolment");
    return execute(
        u -> {
          ReferralCode code =
              enrolment
                  .vanityCode()
                  .map(c -> requireFree(u, c, "vanityCode"))
                  .orElseGet(u::freshCode);
          Referrer referrer =
              new Referrer(
                  ReferrerId.of(u.newId("R")),
                  enrolment.kind(),
                  ReferrerStatus.ACTIVE,
                  enrolment.name(),
                  enrolment.email(),
                  enrolment.phone(),
                  enrolment.customerRef(),
                  enrolment.consentToContact(),
                  List.of(IssuedCode.active(code, u.now)),
                  u.now,
                  Optional.empty(),
                  Engagement.NONE,
                  1);
          u.insertReferrer(referrer);
          log.debug(
              "Referrer {} enrolled as {} with code {}", referrer.id(), referrer.kind(), code);
          u.emit(
              new ReferrerEnrolled(
                  u.eventId(),
                  u.now,
                  referrer.id(),
                  referrer.kind(),
                  code,
                  referrer.consentToContact()));
          return referrer;
        });
  }

  private static ReferralCode requireFree(Unit u, ReferralCode code, String name) {
    if (u.tx.referrers().findByCode(code).isPresent()) {
      throw new IllegalArgumentException(name + " " + code + " is already taken");
    }
    return code;
  }

  @Override
  public Referrer referrer(ReferrerId id) {
    Objects.requireNonNull(id, "id");
    return read(u -> u.referrer(id));
  }

  @Override
  public Optional<Referrer> findReferrer(ReferrerId id) {
    Objects.requireNonNull(id, "id");
    return read(u -> u.findReferrer(id));
  }

  @Override
  public Optional<Referrer> findReferrerByCode(String code) {
    Objects.requireNonNull(code, "code");
    Optional<ReferralCode> parsed = parseCode(code);
    if (parsed.isEmpty()) {
      return Optional.empty();
    }
    return read(u -> u.tx.referrers().findByCode(parsed.get()));
  }

  /** {@code code} parsed, or empty if it is not a valid code: parsed once, not checked first. */
  private static Optional<ReferralCode> parseCode(String code) {
    try {
      return Optional.of(ReferralCode.parse(code));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public ReferralCode issueCode(ReferrerId id) {
    Objects.requireNonNull(id, "id");
    return execute(u -> addCode(u, id, u.freshCode()));
  }

  @Override
  public ReferralCode issueCode(ReferrerId id, String code) {
    Objects.requireNonNull(id, "id");
    ReferralCode vanity = ReferralCode.parse(Objects.requireNonNull(code, "code"));
    return execute(u -> addCode(u, id, requireFree(u, vanity, "code")));
  }

  private static ReferralCode addCode(Unit u, ReferrerId id, ReferralCode code) {
    Referrer referrer = u.referrer(id);
    List<IssuedCode> codes = new ArrayList<>(referrer.codes());
    codes.add(IssuedCode.active(code, u.now));
    u.updateReferrer(referrer.withCodes(codes));
    u.emit(new CodeIssued(u.eventId(), u.now, id, code));
    return code;
  }

  @Override
  public Referrer retireCode(String code) {
    ReferralCode parsed = ReferralCode.parse(Objects.requireNonNull(code, "code"));
    return execute(
        u -> {
          Referrer referrer =
              u.tx
                  .referrers()
                  .findByCode(parsed)
                  .orElseThrow(() -> new UnknownIdException("referral code", parsed));
          IssuedCode issued = referrer.code(parsed).orElseThrow();
          if (!issued.isActive()) {
            return referrer;
          }
          List<IssuedCode> codes = new ArrayList<>();
          for (IssuedCode c : referrer.codes()) {
            codes.add(c.code().equals(parsed) ? c.retire(u.now) : c);
          }
          Referrer updated = referrer.withCodes(codes);
          u.updateReferrer(updated);
          u.emit(new CodeRetired(u.eventId(), u.now, referrer.id(), parsed));
          return updated;
        });
  }

  @Override
  public Referrer changeStatus(ReferrerId id, ReferrerStatus status, String note) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(note, "note");
    return execute(
        u -> {
          Referrer referrer = u.referrer(id);
          if (referrer.status() == status) {
            return referrer;
          }
          Referrer updated = referrer.withStatus(status);
          u.updateReferrer(updated);
          if (status == ReferrerStatus.BLOCKED) {
            u.cancelReferrerFollowUps(id, "referrer blocked");
          }
          u.emit(
              new ReferrerStatusChanged(
                  u.eventId(), u.now, id, referrer.status(), status, note.strip()));
          return updated;
        });
  }

  @Override
  public Referrer changeConsent(ReferrerId id, boolean consentToContact) {
    Objects.requireNonNull(id, "id");
    return execute(
        u -> {
          Referrer referrer = u.referrer(id);
          if (referrer.consentToContact() == consentToContact) {
            return referrer;
          }
          Referrer updated = referrer.withConsent(consentToContact);
          u.updateReferrer(updated);
          if (!consentToContact) {
            u.cancelFollowUpsToReferrer(id, "consent withdrawn");
          }
          u.emit(new ConsentChanged(u.eventId(), u.now, id, consentToContact));
          return updated;
        });
  }

  @Override
  public Referrer recordSatisfaction(ReferrerId id, int score) {
    Objects.requireNonNull(id, "id");
    Satisfaction checked = new Satisfaction(score, Instant.EPOCH);
    return execute(
        u -> {
          Referrer referrer = u.referrer(id);
          Referrer updated = referrer.withSatisfaction(new Satisfaction(checked.score(), u.now));
          u.updateReferrer(updated);
          u.emit(new SatisfactionRecorded(u.eventId(), u.now, id, score));
          return updated;
        });
  }

  @Override
  public void recordOutboundReferral(ReferrerId partnerId, String note) {
    Objects.requireNonNull(partnerId, "partnerId");
    Objects.requireNonNull(note, "note");
    execute(
        u -> {
          Referrer partner = u.referrer(partnerId);
          if (partner.kind() != ReferrerKind.PARTNER) {
            throw new IllegalArgumentException(
                "partnerId " + partnerId + " is a " + partner.kind() + ", not a PARTNER");
          }
          u.emit(new PartnerReferralSent(u.eventId(), u.now, partnerId, note.strip()));
          return null;
        });
  }

  // Leads

  @Override
  public Lead refer(String code, Prospect prospect) {
    return refer(ReferralRequest.of(code, prospect));
  }

  @Override
  public Lead refer(ReferralRequest request) {
    Objects.requireNonNull(request, "request");
    Set<String> keys = identities.of(request.prospect());
    Set<String> signals = identities.signals(request.signals());
    Optional<ReferralCode> code = parseCode(request.code());
    return execute(u -> intake(u, request, code, keys, signals));
  }

  private Lead intake(
      Unit u,
      ReferralRequest request,
      Optional<ReferralCode> code,
      Set<String> keys,
      Set<String> signals) {
    Optional<Referrer> referrer = code.flatMap(c -> u.tx.referrers().findByCode(c));
    List<FraudScreen.Flag> flags = new ArrayList<>();
    Rejection rejection = screen(u, request, code, referrer, keys, flags);
    if (rejection == null && !config.fraudChecks.isEmpty()) {
      FraudScreen.Outcome fraud =
          new FraudScreen(
                  u, identities, request, referrer.orElseThrow(), code.orElseThrow(), keys, signals)
              .run(config.fraudChecks);
      rejection = fraud.rejection().orElse(null);
      flags.addAll(fraud.flags());
    }
    if (rejection != null) {
      flags.clear();
    }
    LeadId id = LeadId.of(u.newId("L"));
    Set<String> stored = Identities.stored(keys, signals, id);
    // Use the referrer's own code instance, so leads share it instead of holding copies.
    Optional<ReferralCode> usedCode =
        code.flatMap(c -> referrer.flatMap(r -> r.code(c)).map(IssuedCode::code)).or(() -> code);
    Optional<ReferrerId> referrerId = referrer.map(Referrer::id);
    if (rejection != null) {
      Lead lead =
          new Lead(
              id,
              referrerId,
              usedCode,
              request.prospect(),
              request.source(),
              LeadStatus.REJECTED,
              Optional.of(rejection),
              u.now,
              u.now,
              Optional.empty(),
              List.of(LeadTransition.initial(LeadStatus.REJECTED, u.now, rejection.toString())),
              1);
      u.insertLead(lead, stored);
      log.debug("Referral with code {} rejected: {}", request.code(), rejection);
      u.emit(new LeadRejected(u.eventId(), u.now, id, referrerId, request.code(), rejection));
      return lead;
    }
    Referrer r = referrer.orElseThrow();
    Lead lead =
        new Lead(
            id,
            referrerId,
            usedCode,
            request.prospect(),
            request.source(),
            LeadStatus.REFERRED,
            Optional.empty(),
            u.now,
            u.now.plus(config.attributionWindow),
            Optional.empty(),
            List.of(
                LeadTransition.initial(
                    LeadStatus.REFERRED,
                    u.now,
                    flags.isEmpty() ? "" : FraudScreen.FLAGGED + flags)),
            1);
    u.insertLead(lead, stored);
    if (r.engagement().asksWithoutReferral() > 0) {
      u.updateReferrer(r.withEngagement(r.engagement().referred()));
    }
    log.debug("Lead {} referred by {}", id, r.id());
    u.emit(
        new LeadReferred(u.eventId(), u.now, id, r.id(), usedCode.orElseThrow(), request.source()));
    for (FraudScreen.Flag flag : flags) {
      log.debug("Lead {} flagged for review by {}", id, flag.check());
      u.emit(new LeadFlagged(u.eventId(), u.now, id, r.id(), flag.check(), flag.detail()));
    }
    return lead;
  }

  /**
   * Asks the host's check; if it fails, the referral is accepted but flagged for review, so that a
   * broken customer lookup neither blocks the checkout nor pays an existing customer unseen.
   */
  private boolean isExistingCustomer(Prospect prospect, List<FraudScreen.Flag> flags) {
    try {
      return config.existingCustomerCheck.isExistingCustomer(prospect);
    } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
      log.warn(
          "Existing-customer check failed; the referral is flagged for review: {}", e.toString());
      flags.add(FraudScreen.Flag.failed(EXISTING_CUSTOMER_CHECK, e));
      return false;
    }
  }

  /** The reason to reject a referral, or null to accept it; adds flags to {@code flags}. */
  private Rejection screen(
      Unit u,
      ReferralRequest request,
      Optional<ReferralCode> code,
      Optional<Referrer> referrer,
      Set<String> keys,
      List<FraudScreen.Flag> flags) {
    if (referrer.isEmpty()) {
      return new Rejection(RejectionReason.UNKNOWN_CODE, "code '" + request.code() + "'");
    }
    Referrer r = referrer.get();
    if (!r.code(code.orElseThrow()).orElseThrow().isActive()) {
      return new Rejection(RejectionReason.RETIRED_CODE, "code " + code.get());
    }
    if (!r.isActive()) {
      return new Rejection(
          RejectionReason.INACTIVE_REFERRER, "referrer " + r.id() + " is " + r.status());
    }
    for (String key : identities.of(r)) {
      if (keys.contains(key)) {
        return new Rejection(
            RejectionReason.SELF_REFERRAL, "same " + key.substring(0, key.indexOf(':')));
      }
    }
    if (isExistingCustomer(request.prospect(), flags)) {
      return new Rejection(RejectionReason.ALREADY_CUSTOMER, "");
    }
    Optional<Lead> holder = u.tx.leads().findHolding(keys);
    if (holder.isPresent()) {
      return new Rejection(RejectionReason.ALREADY_REFERRED, "held by lead " + holder.get().id());
    }
    return null;
  }

  @Override
  public Lead move(LeadId id, LeadStatus to, String note) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(note, "note");
    return execute(
        u -> {
          Lead lead = u.lead(id);
          Lead moved = lead.moveTo(to, u.now, note.strip());
          u.updateLead(moved);
          if (to.isTerminal()) {
            u.cancelLeadFollowUps(id, "lead " + to);
          }
          log.debug("Lead {} moved from {} to {}", id, lead.status(), to);
          u.emit(
              new LeadMoved(
                  u.eventId(),
                  u.now,
                  id,
                  lead.referrerId().orElseThrow(),
                  lead.status(),
                  to,
                  note.strip()));
          return moved;
        });
  }

  @Override
  public Lead lead(LeadId id) {
    Objects.requireNonNull(id, "id");
    return read(u -> u.lead(id));
  }

  @Override
  public Optional<Lead> findLead(LeadId id) {
    Objects.requireNonNull(id, "id");
    return read(u -> u.findLead(id));
  }

  @Override
  public Optional<Lead> findLeadFor(Prospect prospect) {
    Objects.requireNonNull(prospect, "prospect");
    Set<String> keys = identities.of(prospect);
    return read(u -> u.tx.leads().findHolding(keys));
  }

  @Override
  public ConversionResult convert(LeadId leadId, Purchase purchase) {
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(purchase, "purchase");
    return execute(
        u -> {
          Optional<OrderRecord> seen = u.tx.orders().findWithLead(purchase.orderId(), leadId);
          if (seen.isPresent()) {
            return replay(u, leadId, seen.get());
          }
          Lead lead = u.lead(leadId);
          OrderRecord.Kind kind;
          if (lead.status() == LeadStatus.CONVERTED) {
            kind = OrderRecord.Kind.REPEAT_PURCHASE;
            u.emit(
                new RepeatPurchase(
                    u.eventId(), u.now, leadId, lead.referrerId().orElseThrow(), purchase));
          } else if (!lead.status().isOpen() || purchase.at().isBefore(lead.referredAt())) {
            kind = OrderRecord.Kind.NOT_ATTRIBUTED;
          } else if (purchase.at().isAfter(lead.expiresAt())) {
            kind = OrderRecord.Kind.NOT_ATTRIBUTED;
            expire(u, lead);
            lead = u.lead(leadId);
          } else {
            kind = OrderRecord.Kind.CONVERSION;
            Lead converted =
                lead.convert(
                    new Conversion(purchase.orderId(), purchase.amount(), purchase.at()),
                    "order " + purchase.orderId());
            u.updateLead(converted);
            u.cancelLeadFollowUps(leadId, "lead CONVERTED");
            log.debug("Lead {} converted by order {}", leadId, purchase.orderId());
            u.emit(
                new LeadConverted(
                    u.eventId(),
                    u.now,
                    leadId,
                    lead.referrerId().orElseThrow(),
                    lead.status(),
                    purchase));
            lead = converted;
          }
          u.tx
              .orders()
              .insert(
                  new OrderRecord(
                      purchase.orderId(),
                      leadId,
                      purchase.amount(),
                      purchase.at(),
                      kind,
                      List.of(),
                      1));
          u.decideAll();
          return new ConversionResult(
              outcome(kind), u.lead(leadId), u.rewardsSavedFor(purchase.orderId()), false);
        });
  }

  private static ConversionResult replay(Unit u, LeadId leadId, OrderRecord order) {
    if (!order.leadId().equals(leadId)) {
      throw new ReferralException(
          "order "
              + order.orderId()
              + " was already recorded for lead "
              + order.leadId()
              + ", not lead "
              + leadId);
    }
    return new ConversionResult(
        outcome(order.kind()), u.lead(leadId), u.tx.rewards().findByOrder(order.orderId()), true);
  }

  private static ConversionResult.Outcome outcome(OrderRecord.Kind kind) {
    return switch (kind) {
      case CONVERSION -> ConversionResult.Outcome.CONVERTED;
      case REPEAT_PURCHASE -> ConversionResult.Outcome.REPEAT_PURCHASE;
      case NOT_ATTRIBUTED -> ConversionResult.Outcome.NOT_ATTRIBUTED;
    };
  }

  /** Moves an open lead to EXPIRED, cancelling its follow-ups. */
  private static void expire(Unit u, Lead lead) {
    Lead expired = lead.expire(u.now);
    u.updateLead(expired);
    u.cancelLeadFollowUps(lead.id(), "lead EXPIRED");
    log.debug("Lead {} expired", lead.id());
    u.emit(
        new LeadMoved(
            u.eventId(),
            u.now,
            lead.id(),
            lead.referrerId().orElseThrow(),
            lead.status(),
            LeadStatus.EXPIRED,
            "attribution window closed"));
  }

  @Override
  public RefundResult refund(Refund refund) {
    Objects.requireNonNull(refund, "refund");
    return execute(
        u -> {
          OrderRecord order =
              u.tx
                  .orders()
                  .find(refund.orderId())
                  .orElseThrow(() -> new UnknownIdException("order", refund.orderId()));
          boolean within = !refund.at().isAfter(order.at().plus(config.clawbackWindow));
          if (order.hasRefund(refund.refundId())) {
            return new RefundResult(
                order.orderId(), order.refundedTotal(), within, List.of(), List.of(), true);
          }
          order.amount().requireSameCurrency(refund.amount());
          Money total = order.refundedTotal().plus(refund.amount());
          if (total.compareTo(order.amount()) > 0) {
            throw new IllegalArgumentException(
                "amount "
                    + refund.amount()
                    + " would bring the refunds of order "
                    + order.orderId()
                    + " to "
                    + total
                    + ", more than the order's "
                    + order.amount());
          }
          OrderRecord updated = order.withRefund(refund);
          u.tx.orders().update(updated);
          List<Reward> revoked = new ArrayList<>();
          List<Reward> adjusted = new ArrayList<>();
          if (within && order.kind() != OrderRecord.Kind.NOT_ATTRIBUTED) {
            clawBack(u, order, refund, total, revoked, adjusted);
          }
          if (order.kind() != OrderRecord.Kind.NOT_ATTRIBUTED) {
            Lead lead = u.lead(order.leadId());
            u.emit(
                new OrderRefunded(
                    u.eventId(),
                    u.now,
                    refund,
                    lead.id(),
                    lead.referrerId().orElseThrow(),
                    order.amount(),
                    total,
                    within));
          }
          return new RefundResult(order.orderId(), total, within, revoked, adjusted, false);
        });
  }

  private static void clawBack(
      Unit u,
      OrderRecord order,
      Refund refund,
      Money total,
      List<Reward> revoked,
      List<Reward> adjusted) {
    boolean full = total.compareTo(order.amount()) == 0;
    for (Reward reward : u.tx.rewards().findByOrder(order.orderId())) {
      boolean open =
          reward.status() == RewardStatus.PENDING || reward.status() == RewardStatus.ISSUED;
      if (full && open) {
        String reason = "order " + order.orderId() + " refunded: " + refund.reason();
        Reward r = reward.revoke(u.now, reason);
        u.tx.rewards().update(r);
        revoked.add(r);
        u.emit(
            new RewardRevoked(
                u.eventId(), u.now, r.id(), r.referrerId(), r.leadId(), r.value(), reason));
      } else if (!full
          && reward.status().isGranted()
          && reward.incentive() instanceof Incentive.PartnerCommission commission) {
        Money kept = order.amount().minus(total).percent(commission.percent());
        Money before = reward.value().orElseThrow();
        if (!kept.equals(before)) {
          String reason =
              "order "
                  + order.orderId()
                  + " partly refunded ("
                  + refund.amount()
                  + "): "
                  + refund.reason();
          Reward r = reward.adjustValue(kept, reason);
          u.tx.rewards().update(r);
          adjusted.add(r);
          u.emit(
              new RewardAdjusted(
                  u.eventId(), u.now, r.id(), r.referrerId(), r.leadId(), before, kept, reason));
        }
      }
    }
  }

  // Rewards

  @Override
  public Reward reward(RewardId id) {
    Objects.requireNonNull(id, "id");
    return read(u -> findReward(u, id));
  }

  private static Reward findReward(Unit u, RewardId id) {
    return u.tx.rewards().find(id).orElseThrow(() -> new UnknownIdException("reward", id));
  }

  @Override
  public List<Reward> rewardsOf(ReferrerId referrerId) {
    Objects.requireNonNull(referrerId, "referrerId");
    return read(u -> List.copyOf(u.tx.rewards().findByReferrer(referrerId)));
  }

  @Override
  public List<Reward> rewardsFor(LeadId leadId) {
    Objects.requireNonNull(leadId, "leadId");
    return read(u -> List.copyOf(u.tx.rewards().findByLead(leadId)));
  }

  @Override
  public Reward approveReward(RewardId id, String note) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(note, "note");
    return execute(
        u -> {
          Reward approved = findReward(u, id).approve(u.now, note);
          u.tx.rewards().update(approved);
          u.emit(
              new RewardApproved(
                  u.eventId(), u.now, id, approved.referrerId(), approved.leadId(), note.strip()));
          if (approved.isReleasable(u.now)) {
            return issue(u, approved);
          }
          return approved;
        });
  }

  private static Reward issue(Unit u, Reward reward) {
    Reward issued = reward.issue(u.now);
    u.tx.rewards().update(issued);
    u.emit(u.issued(issued));
    return issued;
  }

  @Override
  public Reward rejectReward(RewardId id, String reason) {
    Objects.requireNonNull(id, "id");
    String why = Checks.notBlank(reason, "reason");
    return execute(
        u -> {
          Reward reward = findReward(u, id);
          if (reward.status() != RewardStatus.PENDING) {
            throw new IllegalRewardTransitionException(id, reward.status(), RewardStatus.REVOKED);
          }
          return revoke(u, reward, "rejected: " + why);
        });
  }

  @Override
  public Reward revokeReward(RewardId id, String reason) {
    Objects.requireNonNull(id, "id");
    String why = Checks.notBlank(reason, "reason");
    return execute(u -> revoke(u, findReward(u, id), why));
  }

  private static Reward revoke(Unit u, Reward reward, String reason) {
    Reward revoked = reward.revoke(u.now, reason);
    u.tx.rewards().update(revoked);
    u.emit(
        new RewardRevoked(
            u.eventId(),
            u.now,
            revoked.id(),
            revoked.referrerId(),
            revoked.leadId(),
            revoked.value(),
            reason));
    return revoked;
  }

  @Override
  public Reward redeemReward(RewardId id) {
    Objects.requireNonNull(id, "id");
    return execute(
        u -> {
          Reward redeemed = findReward(u, id).redeem(u.now);
          u.tx.rewards().update(redeemed);
          u.emit(
              new RewardRedeemed(u.eventId(), u.now, id, redeemed.referrerId(), redeemed.leadId()));
          return redeemed;
        });
  }

  // Follow-ups and maintenance

  @Override
  public List<FollowUp> followUpsOf(ReferrerId referrerId) {
    Objects.requireNonNull(referrerId, "referrerId");
    return read(u -> List.copyOf(u.tx.followUps().findByReferrer(referrerId)));
  }

  @Override
  public List<FollowUp> followUpsFor(LeadId leadId) {
    Objects.requireNonNull(leadId, "leadId");
    return read(u -> List.copyOf(u.tx.followUps().findByLead(leadId)));
  }

  @Override
  public DispatchSummary dispatchDueFollowUps() {
    return dispatcher.dispatch();
  }

  @Override
  public MaintenanceSummary runMaintenance() {
    int expiredLeads =
        sweep(
            u -> u.tx.leads().findExpired(u.now, SWEEP_BATCH),
            (u, lead) -> {
              Lead current = u.lead(lead.id());
              if (current.status().isOpen() && !current.expiresAt().isAfter(u.now)) {
                expire(u, current);
                return true;
              }
              return false;
            });
    int issued =
        sweep(
            u -> u.tx.rewards().findReleasable(u.now, SWEEP_BATCH),
            (u, reward) -> {
              Reward current = findReward(u, reward.id());
              if (current.isReleasable(u.now)) {
                issue(u, current);
                return true;
              }
              return false;
            });
    int expiredRewards =
        sweep(
            u -> u.tx.rewards().findExpiring(u.now, SWEEP_BATCH),
            (u, reward) -> {
              Reward current = findReward(u, reward.id());
              if (current.status() == RewardStatus.ISSUED
                  && current.expiresAt().map(e -> !e.isAfter(u.now)).orElse(false)) {
                Reward expired = current.expire(u.now);
                u.tx.rewards().update(expired);
                u.emit(
                    new RewardExpired(
                        u.eventId(), u.now, expired.id(), expired.referrerId(), expired.leadId()));
                return true;
              }
              return false;
            });
    return new MaintenanceSummary(expiredLeads, issued, expiredRewards);
  }

  /** Finds due items batch by batch and handles each in its own transaction. */
  private <T> int sweep(Function<Unit, List<T>> find, BiPredicate<Unit, T> handle) {
    int handled = 0;
    while (true) {
      List<T> batch = read(find);
      int before = handled;
      for (T item : batch) {
        if (execute(u -> handle.test(u, item))) {
          handled++;
        }
      }
      if (batch.size() < SWEEP_BATCH || handled == before) {
        return handled;
      }
    }
  }

  @Override
  public RetrySummary retryFailedDecisions() {
    // Failures that keep failing stay first in the oldest-first list; fetching past them (the SPI
    // has no paging) keeps them from starving newer failures that would now succeed.
    Set<EventId> tried = new HashSet<>();
    int recovered = 0;
    int still = 0;
    while (true) {
      int limit = still + SWEEP_BATCH;
      List<DecisionFailure> failures =
          read(u -> List.copyOf(u.tx.decisionFailures().findUnresolved(limit)));
      boolean triedAny = false;
      for (DecisionFailure failure : failures) {
        if (!tried.add(failure.eventId())) {
          continue;
        }
        triedAny = true;
        if (retry(failure)) {
          recovered++;
        } else {
          still++;
        }
      }
      if (failures.size() < limit || !triedAny) {
        break;
      }
    }
    return new RetrySummary(recovered, still);
  }

  private boolean retry(DecisionFailure failure) {
    return execute(
        u -> {
          DecisionFailure current = u.tx.decisionFailures().find(failure.eventId()).orElseThrow();
          if (current.resolved()) {
            return true;
          }
          ReferralEvent event =
              u.tx
                  .events()
                  .find(failure.eventId())
                  .orElseThrow(() -> new UnknownIdException("event", failure.eventId()));
          if (u.decideAgain(event)) {
            u.recordRecovery(event, u.tx.decisionFailures().find(failure.eventId()).orElseThrow());
            return true;
          }
          return false;
        });
  }

  // Reports and events

  @Override
  public SourceReport sourceReport(Instant from, Instant to, Currency currency) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(currency, "currency");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("from (" + from + ") must be before to (" + to + ")");
    }
    return read(u -> new SourceReporter(u, currency).report(from, to));
  }

  @Override
  public List<ReferralEvent> events(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return read(u -> List.copyOf(u.tx.events().between(from, to)));
  }

  @Override
  public Subscription onEvent(Consumer<? super ReferralEvent> listener) {
    return bus.subscribe(listener);
  }

  @Override
  public <E extends ReferralEvent> Subscription on(Class<E> type, Consumer<? super E> listener) {
    return bus.subscribe(type, listener);
  }

  @Override
  public Clock clock() {
    return config.clock;
  }

  @Override
  public String toString() {
    return "ReferralProgram[store=" + config.store + ", policy=" + config.policy.name() + "]";
  }
}
