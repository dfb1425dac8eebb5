package dev.referral.core.nulls;

import dev.referral.core.Audience;
import dev.referral.core.Channel;
import dev.referral.core.Conversion;
import dev.referral.core.DispatchSettings;
import dev.referral.core.EmailAliasRules;
import dev.referral.core.Enrolment;
import dev.referral.core.EventId;
import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpId;
import dev.referral.core.FollowUpKind;
import dev.referral.core.Incentive;
import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.LedgerTotals;
import dev.referral.core.Money;
import dev.referral.core.Notification;
import dev.referral.core.Offer;
import dev.referral.core.OrderId;
import dev.referral.core.Prospect;
import dev.referral.core.Purchase;
import dev.referral.core.Recipient;
import dev.referral.core.ReferralCode;
import dev.referral.core.ReferralLimits;
import dev.referral.core.ReferralProgram;
import dev.referral.core.ReferralRequest;
import dev.referral.core.Referrer;
import dev.referral.core.ReferrerId;
import dev.referral.core.Refund;
import dev.referral.core.RefundId;
import dev.referral.core.Rejection;
import dev.referral.core.RejectionReason;
import dev.referral.core.Reward;
import dev.referral.core.RewardId;
import dev.referral.core.Signals;
import dev.referral.core.event.ReferralEvent;
import dev.referral.core.fraud.FraudAction;
import dev.referral.core.fraud.FraudCheck;
import dev.referral.core.fraud.FraudChecks;
import dev.referral.core.fraud.FraudContext;
import dev.referral.core.fraud.FraudVerdict;
import dev.referral.core.internal.TotalsAccumulator;
import dev.referral.core.notify.ChannelRoutingNotifier;
import dev.referral.core.notify.LoggingNotifier;
import dev.referral.core.notify.RecordingNotifier;
import dev.referral.core.policy.CancelFollowUps;
import dev.referral.core.policy.Decision;
import dev.referral.core.policy.DoubleSidedPolicy;
import dev.referral.core.policy.FollowUpPolicy;
import dev.referral.core.policy.GrantReward;
import dev.referral.core.policy.PolicyContext;
import dev.referral.core.policy.ReferralPolicy;
import dev.referral.core.policy.ScheduleFollowUp;
import dev.referral.core.spi.DecisionFailure;
import dev.referral.core.spi.EmailNormalizer;
import dev.referral.core.spi.ExistingCustomerCheck;
import dev.referral.core.spi.IdGenerator;
import dev.referral.core.spi.OrderRecord;
import dev.referral.core.spi.StoreTransaction;
import dev.referral.core.store.jdbc.ConnectionProvider;
import dev.referral.core.store.jdbc.JdbcReferralStore;
import dev.referral.core.store.memory.InMemoryReferralStore;
import dev.referral.core.testing.SettableClock;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * Valid default arguments and sample instances of referral-core's public types, taken from a real
 * program run so that every sample is a value the library itself produces.
 */
public final class CoreSamples {
  private CoreSamples() {}

  /** The start of the sample run. */
  public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  /** The offer of the sample program. */
  public static final Offer OFFER =
      Offer.of(
          "Give 10% off, get 10 EUR",
          Incentive.credit(Money.of(10, "EUR")), Incentive.percentDiscount("10"));

  /** Signals of a sample referral. */
  public static final Signals SIGNALS =
      Signals.NONE
          .withIpAddress("192.0.2.1")
          .withDeviceId("device-1")
          .withPaymentFingerprint("fp_1");

  /** A check with referral-core's defaults and samples. */
  public static NullArgumentCheck check() {
    SettableClock clock = SettableClock.at(START);
    RecordingNotifier notifier = new RecordingNotifier();
    InMemoryReferralStore store = new InMemoryReferralStore();
    AtomicReference<FraudContext> fraudContext = new AtomicReference<>();
    FraudCheck capture =
        FraudCheck.of(
            "capture",
            c -> {
              fraudContext.set(c);
              return FraudVerdict.ALLOW;
            });
    FraudChecks fraudChecks = FraudChecks.defaults().and(capture);
    ReferralProgram program =
        ReferralProgram.builder()
            .store(store)
            .clock(clock)
            .notifier(notifier)
            .offer(OFFER)
            .idGenerator(IdGenerator.sequential())
            .signalSalt("a-salt-for-the-null-checks")
            .fraudChecks(fraudChecks)
            .build();
    Referrer jane =
        program.enrol(
            Enrolment.customer("Jane").email("jane@example.com").consentToContact(true).build());
    Prospect bob = Prospect.withEmail("Bob", "bob@example.org");
    Lead lead = program.refer(ReferralRequest.of(jane.primaryCode().value(), bob).with(SIGNALS));
    Purchase purchase = Purchase.of("O-1", Money.of(100, "EUR"), clock.instant());
    program.convert(lead.id(), purchase);
    Refund refund = Refund.of("RF-1", "O-1", Money.of(10, "EUR"), clock.instant(), "returned");
    program.refund(refund);
    clock.advance(Duration.ofDays(40));
    program.dispatchDueFollowUps();
    Lead converted = program.lead(lead.id());
    Reward reward = program.rewardsOf(jane.id()).get(0);
    FollowUp followUp = program.followUpsOf(jane.id()).get(0);
    Notification notification = notifier.notifications().get(0);
    List<ReferralEvent> events = program.events(START, START.plus(Duration.ofDays(400)));
    StoreTransaction tx = store.inTransaction(t -> t);
    OrderRecord order = tx.orders().find(OrderId.of("O-1")).orElseThrow();
    DecisionFailure failure =
        new DecisionFailure(events.get(0).id(), "policy", "boom", START, 1, false, 1);
    Money money = Money.of(10, "EUR");
    PolicyContext context =
        PolicyContext.builder(START).referrer(jane).lead(converted).offer(OFFER).build();
    ReferralPolicy policy = FollowUpPolicy.ofDefaults();
    GrantReward grant = GrantReward.toReferrer(Incentive.credit(money), "credit");
    ScheduleFollowUp schedule =
        ScheduleFollowUp.of(FollowUpKind.THANK_YOU, Audience.REFERRER, START, "thanks");
    CancelFollowUps cancel = CancelFollowUps.forLead("lead lost");

    // A data source without a database (the samples need none): no JDBC driver on the classpath.
    DataSource noDatabase =
        (DataSource)
            Proxy.newProxyInstance(
                CoreSamples.class.getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "toString" -> "a DataSource without a database";
                      case "hashCode" -> 0;
                      case "equals" -> proxy == args[0];
                      default -> throw new SQLException("no database in the samples");
                    });
    JdbcReferralStore jdbcStore = JdbcReferralStore.of(noDatabase);

    NullArgumentCheck check =
        new NullArgumentCheck()
            .withDefault(String.class, "ABCD2345")
            .withDefault(int.class, 1)
            .withDefault(long.class, 1L)
            .withDefault(Currency.class, money.currency())
            .withDefault(Money.class, money)
            .withDefault(BigDecimal.class, BigDecimal.TEN)
            .withDefault(Duration.class, Duration.ofDays(1))
            .withDefault(Instant.class, START)
            .withDefault(ZoneId.class, ZoneId.of("UTC"))
            .withDefault(Clock.class, clock)
            .withDefault(ReferrerId.class, jane.id())
            .withDefault(LeadId.class, lead.id())
            .withDefault(RewardId.class, reward.id())
            .withDefault(EventId.class, events.get(0).id())
            .withDefault(FollowUpId.class, followUp.id())
            .withDefault(OrderId.class, OrderId.of("O-1"))
            .withDefault(RefundId.class, refund.refundId())
            .withDefault(ReferralCode.class, jane.primaryCode())
            .withDefault(Incentive.class, Incentive.credit(money))
            .withDefault(Offer.class, OFFER)
            .withDefault(Prospect.class, bob)
            .withDefault(Purchase.class, purchase)
            .withDefault(Refund.class, refund)
            .withDefault(Referrer.class, jane)
            .withDefault(Lead.class, converted)
            .withDefault(LeadStatus.class, LeadStatus.CONTACTED)
            .withDefault(Reward.class, reward)
            .withDefault(FollowUp.class, followUp)
            .withDefault(FollowUpKind.class, FollowUpKind.THANK_YOU)
            .withDefault(Channel.class, Channel.EMAIL)
            .withDefault(Notification.class, notification)
            .withDefault(ReferralEvent.class, events.get(0))
            .withDefault(Decision.class, grant)
            .withDefault(PolicyContext.class, context)
            .withDefault(ReferralPolicy.class, policy)
            .withDefault(LedgerTotals.class, LedgerTotals.ZERO)
            .withDefault(Class.class, ReferralEvent.class)
            .withDefault(Recipient.class, notification.recipient())
            .withDefault(Rejection.class, new Rejection(RejectionReason.UNKNOWN_CODE, "code"))
            .withDefault(Conversion.class, converted.conversion().orElseThrow())
            .withDefault(ReferralRequest.class, ReferralRequest.of("ABCD2345", bob))
            .withDefault(OrderRecord.class, order)
            .withDefault(DecisionFailure.class, failure)
            .withDefault(ReferralLimits.class, ReferralLimits.NONE)
            .withDefault(DispatchSettings.class, DispatchSettings.ofDefaults())
            .withDefault(FraudAction.class, FraudAction.FLAG)
            .withDefault(DataSource.class, noDatabase)
            .withDefault(ConnectionProvider.class, ConnectionProvider.of(noDatabase))
            .withDefault(JdbcReferralStore.Database.class, JdbcReferralStore.Database.H2)
            .withDefault(Signals.class, SIGNALS)
            .withDefault(FraudCheck.class, capture)
            .withDefault(FraudChecks.class, fraudChecks)
            .withDefault(FraudVerdict.class, FraudVerdict.ALLOW);
    for (Object sample :
        List.of(
            program,
            ReferralProgram.builder(),
            store,
            jdbcStore,
            JdbcReferralStore.builder(noDatabase),
            ConnectionProvider.of(noDatabase),
            tx,
            tx.referrers(),
            tx.leads(),
            tx.orders(),
            tx.rewards(),
            tx.followUps(),
            tx.events(),
            tx.decisionFailures(),
            jane,
            jane.codes().get(0),
            jane.engagement(),
            converted,
            converted.conversion().orElseThrow(),
            purchase,
            refund,
            reward,
            followUp,
            notification,
            money,
            money.currency().getCurrencyCode(),
            jane.id(),
            lead.id(),
            reward.id(),
            followUp.id(),
            events.get(0).id(),
            OrderId.of("O-1"),
            refund.refundId(),
            LeadStatus.REFERRED,
            LedgerTotals.ZERO,
            order,
            failure,
            OFFER,
            grant,
            schedule,
            cancel,
            context,
            PolicyContext.builder(START),
            policy,
            FollowUpPolicy.builder(),
            DoubleSidedPolicy.of(OFFER),
            DoubleSidedPolicy.builder(),
            policy.and(DoubleSidedPolicy.of(OFFER)),
            ReferralLimits.builder(),
            ReferralLimits.NONE,
            DispatchSettings.builder(),
            DispatchSettings.ofDefaults(),
            program.dispatchDueFollowUps(),
            Enrolment.customer("Ann"),
            Prospect.builder("Ann"),
            ReferralRequest.of("ABCD2345", bob),
            notifier,
            new LoggingNotifier(),
            ChannelRoutingNotifier.builder(),
            ChannelRoutingNotifier.builder().fallback(notifier).build(),
            clock,
            IdGenerator.sequential(),
            EmailNormalizer.STANDARD,
            ExistingCustomerCheck.NONE,
            EmailAliasRules.defaults(),
            EmailAliasRules.builder(),
            SIGNALS,
            Signals.NONE,
            capture,
            fraudChecks,
            FraudChecks.none(),
            FraudVerdict.flag("suspicious"),
            new TotalsAccumulator(),
            fraudContext.get())) {
      check.withInstance(sample);
    }
    for (Incentive incentive :
        List.of(
            Incentive.credit(money),
            Incentive.percentDiscount("10"),
            Incentive.giftCard(money),
            Incentive.freeItem("SKU-1", 1),
            Incentive.points(10),
            Incentive.gift("A mug"),
            Incentive.thankYou("Thanks"),
            Incentive.commission("5"))) {
      check.withInstance(incentive);
    }
    events.forEach(check::withInstance);
    return check;
  }
}
