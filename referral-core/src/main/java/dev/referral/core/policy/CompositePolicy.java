package dev.referral.core.policy;

import dev.referral.core.event.ReferralEvent;
import dev.referral.core.internal.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Composition of policies with isolated failures. */
final class CompositePolicy implements ReferralPolicy {
  static final ReferralPolicy NONE = new CompositePolicy(List.of());

  private final List<ReferralPolicy> members;

  private CompositePolicy(List<ReferralPolicy> members) {
    this.members = members;
  }

  static ReferralPolicy of(List<ReferralPolicy> policies) {
    Objects.requireNonNull(policies, "policies");
    List<ReferralPolicy> flat = new ArrayList<>();
    for (ReferralPolicy p : policies) {
      Objects.requireNonNull(p, "policies contains null");
      if (p instanceof CompositePolicy c) {
        flat.addAll(c.members);
      } else {
        flat.add(p);
      }
    }
    if (flat.size() == 1) {
      return flat.get(0);
    }
    return new CompositePolicy(List.copyOf(flat));
  }

  @Override
  public List<Decision> decide(ReferralEvent event, PolicyContext context) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(context, "context");
    if (members.size() == 1) {
      return members.get(0).decide(event, context);
    }
    List<Decision> decisions = new ArrayList<>();
    PolicyEvaluationException failure = null;
    for (ReferralPolicy member : members) {
      try {
        decisions.addAll(Objects.requireNonNull(member.decide(event, context), member.name()));
      } catch (PolicyEvaluationException e) {
        decisions.addAll(e.decided());
        failure = merge(failure, e.policyName(), e);
      } catch (Exception | LinkageError | AssertionError | StackOverflowError e) { // as Unit does
        failure = merge(failure, member.name(), e);
      }
    }
    if (failure != null) {
      throw new PolicyEvaluationException(
          failure.policyName(), decisions, Objects.requireNonNull(failure.getCause()));
    }
    return decisions;
  }

  private static PolicyEvaluationException merge(
      PolicyEvaluationException previous, String name, Throwable cause) {
    if (previous == null) {
      return new PolicyEvaluationException(name, List.of(), cause);
    }
    PolicyEvaluationException merged =
        new PolicyEvaluationException(
            previous.policyName() + ", " + name,
            List.of(),
            Objects.requireNonNull(previous.getCause()));
    merged.addSuppressed(cause);
    return merged;
  }

  @Override
  public String name() {
    List<String> names = new ArrayList<>();
    for (ReferralPolicy m : members) {
      names.add(m.name());
    }
    return names.isEmpty() ? "none" : String.join(" + ", names);
  }

  @Override
  public String toString() {
    return "ReferralPolicy[" + name() + "]";
  }

  /** A policy with a given name. */
  static final class Named implements ReferralPolicy {
    private final String name;
    private final ReferralPolicy delegate;

    Named(String name, ReferralPolicy delegate) {
      this.name = Checks.text(name, "name", 200);
      this.delegate = Objects.requireNonNull(delegate, "policy");
    }

    @Override
    public List<Decision> decide(ReferralEvent event, PolicyContext context) {
      return delegate.decide(event, context);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String toString() {
      return "ReferralPolicy[" + name + "]";
    }
  }
}
