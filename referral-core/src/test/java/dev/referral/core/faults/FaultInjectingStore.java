package dev.referral.core.faults;

import dev.referral.core.spi.DecisionFailureRepository;
import dev.referral.core.spi.EventLog;
import dev.referral.core.spi.FollowUpRepository;
import dev.referral.core.spi.LeadRepository;
import dev.referral.core.spi.OrderRepository;
import dev.referral.core.spi.ReferralStore;
import dev.referral.core.spi.ReferrerRepository;
import dev.referral.core.spi.RewardRepository;
import dev.referral.core.spi.StoreException;
import dev.referral.core.spi.StoreTransaction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link ReferralStore} that wraps another and throws {@link StoreException} at the Nth store
 * call: every repository method counts as a call, and so does the commit at the end of each
 * transaction (the work has run, then the store "fails to commit"). The wrapped store rolls the
 * transaction back, as a database would. Thread-safe; counts across threads.
 */
public final class FaultInjectingStore implements ReferralStore {
  private final ReferralStore delegate;
  private final AtomicLong calls = new AtomicLong();
  private volatile long failAt = Long.MAX_VALUE;
  private volatile Runnable onFault = () -> {};
  private volatile Runnable onStart = () -> {};
  private volatile Consumer<String> onCall = what -> {};

  /** A store that passes everything to {@code delegate} until armed. */
  public FaultInjectingStore(ReferralStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** Fails the {@code n}th call from now (1 is the next call), once. */
  public void failAtCall(long n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be positive but was " + n);
    }
    failAt = calls.get() + n;
  }

  /** Fails no call. */
  public void disarm() {
    failAt = Long.MAX_VALUE;
  }

  /** Runs {@code action} when a fault is injected, before the transaction rolls back. */
  public void onFault(Runnable action) {
    this.onFault = Objects.requireNonNull(action, "action");
  }

  /** Runs {@code action} at the start of each transaction. */
  public void onTransactionStart(Runnable action) {
    this.onStart = Objects.requireNonNull(action, "action");
  }

  /** Tells {@code listener} of every store call, as {@code Repository.method} or {@code commit}. */
  public void onCall(Consumer<String> listener) {
    this.onCall = Objects.requireNonNull(listener, "listener");
  }

  /** How many store calls were made so far. */
  public long calls() {
    return calls.get();
  }

  private void count(String what) {
    onCall.accept(what);
    long n = calls.incrementAndGet();
    if (n == failAt) {
      failAt = Long.MAX_VALUE;
      onFault.run();
      throw new StoreException("injected fault at store call " + n + " (" + what + ")");
    }
  }

  @Override
  public <T> T inTransaction(Function<StoreTransaction, T> work) {
    Objects.requireNonNull(work, "work");
    return delegate.inTransaction(
        tx -> {
          onStart.run();
          T result = work.apply(new Faulty(tx));
          count("commit");
          return result;
        });
  }

  @Override
  public String toString() {
    return "FaultInjectingStore[" + delegate + "]";
  }

  private <R> R wrap(Class<R> type, R target) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.invoke(target, args);
              }
              count(type.getSimpleName() + "." + method.getName());
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }

  /** The repositories of one transaction, each call counted. */
  private final class Faulty implements StoreTransaction {
    private final ReferrerRepository referrers;
    private final LeadRepository leads;
    private final OrderRepository orders;
    private final RewardRepository rewards;
    private final FollowUpRepository followUps;
    private final EventLog events;
    private final DecisionFailureRepository failures;

    Faulty(StoreTransaction tx) {
      referrers = wrap(ReferrerRepository.class, tx.referrers());
      leads = wrap(LeadRepository.class, tx.leads());
      orders = wrap(OrderRepository.class, tx.orders());
      rewards = wrap(RewardRepository.class, tx.rewards());
      followUps = wrap(FollowUpRepository.class, tx.followUps());
      events = wrap(EventLog.class, tx.events());
      failures = wrap(DecisionFailureRepository.class, tx.decisionFailures());
    }

    @Override
    public ReferrerRepository referrers() {
      return referrers;
    }

    @Override
    public LeadRepository leads() {
      return leads;
    }

    @Override
    public OrderRepository orders() {
      return orders;
    }

    @Override
    public RewardRepository rewards() {
      return rewards;
    }

    @Override
    public FollowUpRepository followUps() {
      return followUps;
    }

    @Override
    public EventLog events() {
      return events;
    }

    @Override
    public DecisionFailureRepository decisionFailures() {
      return failures;
    }
  }
}
