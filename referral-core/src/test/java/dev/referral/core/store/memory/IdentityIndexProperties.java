package dev.referral.core.store.memory;

import static dev.referral.core.store.StoreSamples.lead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.referral.core.Lead;
import dev.referral.core.LeadId;
import dev.referral.core.LeadStatus;
import dev.referral.core.LeadTransition;
import dev.referral.core.Rejection;
import dev.referral.core.RejectionReason;
import dev.referral.core.spi.DuplicateKeyException;
import dev.referral.core.spi.LeadRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The in-memory store keeps no separate map of key holders: the holder of an identity key is the
 * one lead with that key whose status holds its prospect. Against a model that keeps holders
 * explicitly, leads inserted with overlapping keys, moved between holding and not holding, some
 * writes rolled back, are refused and found exactly alike.
 */
class IdentityIndexProperties {
  private static final Instant T0 = Instant.parse("2030-03-15T10:00:00Z");
  private static final List<String> KEYS = List.of("email:a", "email:b", "phone:c", "sig:d");
  private static final List<LeadStatus> STATUSES =
      List.of(LeadStatus.REFERRED, LeadStatus.QUALIFIED, LeadStatus.LOST, LeadStatus.REJECTED);

  /** Inserts a lead with {@code keys} (bits over KEYS) or moves lead {@code lead} to a status. */
  record Step(boolean insert, int keys, int lead, int status, boolean rolledBack) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return Combinators.combine(
            Arbitraries.of(true, true, false),
            Arbitraries.integers().between(1, 15),
            Arbitraries.integers().between(0, 30),
            Arbitraries.integers().between(0, STATUSES.size() - 1),
            Arbitraries.of(false, false, true))
        .as(Step::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(40);
  }

  @Property(tries = 300)
  void givenLeadsWithOverlappingKeys_whenInsertedAndMoved_thenHoldersAreAsIfKeptExplicitly(
      @ForAll("steps") List<Step> steps) {
    InMemoryReferralStore store = new InMemoryReferralStore();
    Map<LeadId, Lead> leads = new LinkedHashMap<>();
    Map<LeadId, Set<String>> keysOf = new LinkedHashMap<>();
    int n = 0;
    for (Step step : steps) {
      n++;
      Lead next;
      Set<String> keys;
      if (step.insert() || leads.isEmpty()) {
        keys = new LinkedHashSet<>();
        for (int k = 0; k < KEYS.size(); k++) {
          if ((step.keys() & (1 << k)) != 0) {
            keys.add(KEYS.get(k));
          }
        }
        next = withStatus(lead("L-" + n, "R-1", T0), STATUSES.get(step.status()), 1);
      } else {
        Lead stored = new ArrayList<>(leads.values()).get(step.lead() % leads.size());
        keys = keysOf.get(stored.id());
        next = withStatus(stored, STATUSES.get(step.status()), stored.version() + 1);
      }
      boolean isNew = !leads.containsKey(next.id());
      boolean refused =
          LeadRepository.holdsProspect(next.status())
              && keys.stream()
                  .anyMatch(
                      k -> holder(leads, keysOf, k).filter(h -> !h.equals(next.id())).isPresent())
              && (isNew || !LeadRepository.holdsProspect(leads.get(next.id()).status()));
      Runnable write =
          () ->
              store.inTransaction(
                  tx -> {
                    if (isNew) {
                      tx.leads().insert(next, keys);
                    } else {
                      tx.leads().update(next);
                    }
                    if (step.rolledBack()) {
                      throw new IllegalStateException("rolled back");
                    }
                    return null;
                  });
      if (refused) {
        assertThrows(DuplicateKeyException.class, write::run);
      } else if (step.rolledBack()) {
        assertThrows(IllegalStateException.class, write::run);
      } else {
        write.run();
        leads.put(next.id(), next);
        keysOf.put(next.id(), keys);
      }
      check(store, leads, keysOf);
    }
  }

  private static Optional<LeadId> holder(
      Map<LeadId, Lead> leads, Map<LeadId, Set<String>> keysOf, String key) {
    return leads.values().stream()
        .filter(l -> LeadRepository.holdsProspect(l.status()) && keysOf.get(l.id()).contains(key))
        .map(Lead::id)
        .findFirst();
  }

  private static void check(
      InMemoryReferralStore store, Map<LeadId, Lead> leads, Map<LeadId, Set<String>> keysOf) {
    store.inTransaction(
        tx -> {
          for (String key : KEYS) {
            assertEquals(
                holder(leads, keysOf, key).map(leads::get),
                tx.leads().findHolding(List.of(key)),
                key);
            assertEquals(
                leads.values().stream().filter(l -> keysOf.get(l.id()).contains(key)).toList(),
                tx.leads().findByIdentity(List.of(key), Instant.EPOCH),
                key);
          }
          keysOf.forEach((id, keys) -> assertEquals(keys, tx.leads().identityKeys(id)));
          return null;
        });
  }

  /**
   * {@code lead} moved to {@code status} at {@code version}, whether the move is allowed or not.
   */
  private static Lead withStatus(Lead lead, LeadStatus status, long version) {
    List<LeadTransition> history = new ArrayList<>(lead.history());
    history.add(LeadTransition.move(lead.status(), status, T0, "moved"));
    return new Lead(
        lead.id(),
        lead.referrerId(),
        lead.code(),
        lead.prospect(),
        lead.source(),
        status,
        status == LeadStatus.REJECTED
            ? Optional.of(new Rejection(RejectionReason.ALREADY_REFERRED, "held elsewhere"))
            : Optional.empty(),
        lead.referredAt(),
        lead.expiresAt(),
        Optional.empty(),
        history,
        version);
  }
}
