package dev.referral.core.internal;

import dev.referral.core.Audience;
import dev.referral.core.DispatchSettings;
import dev.referral.core.DispatchSummary;
import dev.referral.core.FollowUp;
import dev.referral.core.FollowUpStatus;
import dev.referral.core.Lead;
import dev.referral.core.Notification;
import dev.referral.core.Offer;
import dev.referral.core.Recipient;
import dev.referral.core.Referrer;
import dev.referral.core.event.FollowUpFailed;
import dev.referral.core.event.FollowUpSent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due follow-ups: claims them atomically, renders notifications, hands them to the
 * notifier outside any transaction, and records the outcome (sent, retried with backoff, failed).
 */
final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final DefaultReferralProgram program;
  private final ProgramConfig config;

  Dispatcher(DefaultReferralProgram program, ProgramConfig config) {
    this.program = program;
    this.config = config;
  }

  /** A claimed follow-up and its notification; no notification if it was cancelled instead. */
  private record Claimed(FollowUp followUp, @Nullable Notification notification) {}

  private enum Outcome {
    SENT,
    RETRIED,
    FAILED,
    /** No longer ours (cancelled, or the lease ran out): another run accounts for it. */
    LOST
  }

  DispatchSummary dispatch() {
    DispatchSettings settings = config.dispatch;
    String token = config.idGenerator.next("claim");
    int sent = 0;
    int retried = 0;
    int failed = 0;
    int cancelled = 0;
    int handled = 0;
    while (handled < settings.maxPerRun()) {
      int limit = Math.min(settings.batchSize(), settings.maxPerRun() - handled);
      List<Claimed> batch = program.execute(u -> claim(u, token, limit));
      if (batch.isEmpty()) {
        break;
      }
      handled += batch.size();
      for (Claimed claimed : batch) {
        if (claimed.notification() == null) {
          cancelled++;
          continue;
        }
        switch (deliver(claimed, token)) {
          case SENT -> sent++;
          case RETRIED -> retried++;
          case FAILED -> failed++;
          case LOST -> {}
        }
      }
    }
    DispatchSummary summary = new DispatchSummary(sent, retried, failed, cancelled);
    if (handled > 0) {
      log.debug("Dispatched follow-ups: {}", summary);
    }
    return summary;
  }

  private List<Claimed> claim(Unit u, String token, int limit) {
    List<FollowUp> due =
        u.tx.followUps().claimDue(u.now, limit, token, u.now.plus(config.dispatch.lease()));
    List<Claimed> claimed = new ArrayList<>(due.size());
    for (FollowUp f : due) {
      Referrer referrer = u.referrer(f.referrerId());
      Optional<Lead> lead = f.leadId().flatMap(u::findLead);
      String unwanted = unwanted(f, referrer, lead, u.now);
      if (unwanted != null) {
        u.tx.followUps().update(f.cancel(u.now, unwanted));
        claimed.add(new Claimed(f, null));
      } else {
        claimed.add(new Claimed(f, render(f, referrer, lead)));
      }
    }
    return claimed;
  }

  /** Why the follow-up should no longer go out at {@code now}, or null if it should. */
  private static @Nullable String unwanted(
      FollowUp f, Referrer referrer, Optional<Lead> lead, Instant now) {
    if (f.audience() == Audience.REFERRER) {
      if (!referrer.consentToContact()) {
        return "referrer has not consented to be contacted";
      }
      if (!referrer.isActive()) {
        return "referrer is " + referrer.status();
      }
    } else if (lead.isEmpty() || lead.get().status().isTerminal()) {
      return "lead is " + lead.map(l -> l.status().name()).orElse("missing");
    } else if (!lead.get().expiresAt().isAfter(now)) {
      // Maintenance has not expired the lead yet, but its offer has run out.
      return "lead's attribution window ended at " + lead.get().expiresAt();
    }
    return null;
  }

  private Notification render(FollowUp f, Referrer referrer, Optional<Lead> lead) {
    Map<String, String> data = new LinkedHashMap<>(f.data());
    data.put("referrerName", referrer.name());
    data.put("referralCode", referrer.primaryCode().value());
    if (config.offer.isPresent()) {
      Offer offer = config.offer.get();
      data.put("offerHeadline", offer.headline());
      data.put("offerReferrerIncentive", offer.referrerIncentive().describe());
      data.put("offerFriendIncentive", offer.friendIncentive().describe());
    }
    lead.ifPresent(
        l -> {
          data.put("leadId", l.id().value());
          data.put("leadName", l.prospect().name());
          data.put("leadStatus", l.status().name());
        });
    Recipient recipient =
        f.audience() == Audience.REFERRER
            ? new Recipient(
                Audience.REFERRER,
                referrer.name(),
                referrer.email(),
                referrer.phone(),
                referrer.id(),
                f.leadId())
            : new Recipient(
                Audience.PROSPECT,
                lead.orElseThrow().prospect().name(),
                lead.get().prospect().email(),
                lead.get().prospect().phone(),
                referrer.id(),
                f.leadId());
    return new Notification(
        f.id(), f.kind(), f.channel(), recipient, data, f.attempts(), f.dueAt());
  }

  private Outcome deliver(Claimed claimed, String token) {
    Notification notification = claimed.notification();
    if (!program.read(u -> stillHeld(u, claimed.followUp(), token))) {
      // A slow batch outlived its lease (another dispatcher may be sending it now), or the
      // follow-up was cancelled after the batch was claimed: sending it could send it twice.
      log.warn(
          "Not delivering follow-up {}: cancelled or its lease ran out before its turn",
          notification.id());
      return Outcome.LOST;
    }
    String error = null;
    try {
      config.notifier.send(notification);
    } catch (Exception e) {
      error = String.valueOf(e);
      log.warn(
          "Notifier failed on follow-up {} ({}), attempt {}: {}",
          notification.id(),
          notification.kind(),
          notification.attempt(),
          error);
    }
    String failure = error;
    return program.execute(u -> record(u, claimed.followUp(), token, failure));
  }

  /** Whether {@code token} still holds the claim on {@code claimed} and its lease still runs. */
  private static boolean stillHeld(Unit u, FollowUp claimed, String token) {
    return u.tx
        .followUps()
        .find(claimed.id())
        .filter(f -> f.status() == FollowUpStatus.CLAIMED)
        .filter(f -> f.claimToken().equals(Optional.of(token)))
        .flatMap(FollowUp::claimedUntil)
        .filter(until -> until.isAfter(u.now))
        .isPresent();
  }

  private Outcome record(Unit u, FollowUp claimed, String token, @Nullable String error) {
    FollowUp current = u.tx.followUps().find(claimed.id()).orElseThrow();
    boolean ours =
        current.status() == FollowUpStatus.CLAIMED
            && current.claimToken().equals(Optional.of(token));
    // Cancelled while this delivery was in flight, and nobody claimed it since: the notifier has
    // it, so the cancel came too late and the follow-up was sent.
    boolean cancelledInFlight =
        error == null
            && current.status() == FollowUpStatus.CANCELLED
            && current.attempts() == claimed.attempts();
    if (!ours && !cancelledInFlight) {
      log.warn(
          "Follow-up {} was taken over or cancelled while being delivered (now {}, {})",
          claimed.id(),
          current.status(),
          error == null ? "the notifier had accepted it" : "the notifier had failed");
      return Outcome.LOST;
    }
    if (error == null) {
      u.tx.followUps().update(current.sent(u.now));
      FollowUpSent sent =
          new FollowUpSent(
              u.eventId(),
              u.now,
              current.id(),
              current.kind(),
              current.audience(),
              current.referrerId(),
              current.leadId(),
              current.attempts());
      u.noteSent(sent);
      u.emit(sent);
      return Outcome.SENT;
    }
    if (current.attempts() >= config.dispatch.maxAttempts()) {
      u.tx.followUps().update(current.fail(u.now, error));
      u.emit(
          new FollowUpFailed(
              u.eventId(),
              u.now,
              current.id(),
              current.kind(),
              current.audience(),
              current.referrerId(),
              current.leadId(),
              current.attempts(),
              error));
      log.warn(
          "Follow-up {} failed after {} attempts: {}", current.id(), current.attempts(), error);
      return Outcome.FAILED;
    }
    u.tx.followUps().update(current.retryAt(u.now.plus(backoff(current.attempts())), error));
    return Outcome.RETRIED;
  }

  /** The wait after {@code attempt} failed, with jitter: within (1 +- jitter) of the backoff. */
  Duration backoff(int attempt) {
    Duration base = config.dispatch.backoff(attempt);
    double jitter = config.dispatch.jitter();
    if (jitter == 0.0) {
      return base;
    }
    double factor = 1.0 + jitter * (2.0 * config.random().nextDouble() - 1.0);
    double nanos = (base.getSeconds() * 1e9 + base.getNano()) * factor;
    return Duration.ofNanos(Math.max(1, Math.round(nanos)));
  }
}
