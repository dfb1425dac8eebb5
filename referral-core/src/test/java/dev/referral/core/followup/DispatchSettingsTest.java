package dev.referral.core.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.referral.core.DispatchSettings;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DispatchSettingsTest {

  @Nested
  class Defaults {

    @Test
    void shouldUseTheDefaultConstants() {
      // when
      DispatchSettings settings = DispatchSettings.ofDefaults();

      // then
      assertEquals(
          new DispatchSettings(
              DispatchSettings.DEFAULT_MAX_ATTEMPTS,
              DispatchSettings.DEFAULT_INITIAL_BACKOFF,
              DispatchSettings.DEFAULT_BACKOFF_MULTIPLIER,
              DispatchSettings.DEFAULT_MAX_BACKOFF,
              DispatchSettings.DEFAULT_JITTER,
              DispatchSettings.DEFAULT_LEASE,
              DispatchSettings.DEFAULT_BATCH_SIZE,
              DispatchSettings.DEFAULT_MAX_PER_RUN),
          settings);
      assertEquals(DispatchSettings.builder().build(), settings);
    }
  }

  @Nested
  class Backoff {

    private final DispatchSettings settings =
        DispatchSettings.builder()
            .backoff(Duration.ofMinutes(1), 2.0, Duration.ofMinutes(30))
            .build();

    @Test
    void shouldDoubleTheWaitAfterEachFailedAttemptUpToTheMaximum() {
      assertEquals(Duration.ofMinutes(1), settings.backoff(1));
      assertEquals(Duration.ofMinutes(2), settings.backoff(2));
      assertEquals(Duration.ofMinutes(4), settings.backoff(3));
      assertEquals(Duration.ofMinutes(16), settings.backoff(5));
      assertEquals(Duration.ofMinutes(30), settings.backoff(6));
    }

    @Test
    void shouldStayAtTheMaximumForAnyLaterAttemptWithoutOverflowing() {
      assertEquals(Duration.ofMinutes(30), settings.backoff(1_000));
      assertEquals(Duration.ofMinutes(30), settings.backoff(Integer.MAX_VALUE));
    }

    @Test
    void shouldKeepTheWaitConstantWithAMultiplierOfOne() {
      DispatchSettings constant =
          DispatchSettings.builder()
              .backoff(Duration.ofSeconds(90), 1.0, Duration.ofHours(1))
              .build();

      assertEquals(Duration.ofSeconds(90), constant.backoff(7));
    }

    @Test
    void shouldNotRoundAShortWaitDownToNothing() {
      DispatchSettings fast =
          DispatchSettings.builder()
              .backoff(Duration.ofNanos(500), 1.5, Duration.ofMillis(1))
              .build();

      assertEquals(Duration.ofNanos(500), fast.backoff(1));
      assertEquals(Duration.ofNanos(750), fast.backoff(2));
    }

    @Test
    void shouldRejectAnAttemptBelowOne() {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> settings.backoff(0));

      assertEquals("attempt must be at least 1 but was 0", e.getMessage());
    }
  }

  @Nested
  class Validation {

    static Stream<Arguments> badSettings() {
      return Stream.of(
          bad("maxAttempts", b -> b.maxAttempts(0)),
          bad("initial", b -> b.backoff(Duration.ZERO, 2, Duration.ofHours(1))),
          bad("initial", b -> b.backoff(Duration.ofSeconds(-1), 2, Duration.ofHours(1))),
          bad("max", b -> b.backoff(Duration.ofMinutes(1), 2, Duration.ZERO)),
          bad("multiplier", b -> b.backoff(Duration.ofMinutes(1), 0.5, Duration.ofHours(1))),
          bad("multiplier", b -> b.backoff(Duration.ofMinutes(1), Double.NaN, Duration.ofHours(1))),
          bad(
              "multiplier",
              b -> b.backoff(Duration.ofMinutes(1), Double.POSITIVE_INFINITY, Duration.ofHours(1))),
          bad("jitter", b -> b.jitter(-0.1)),
          bad("jitter", b -> b.jitter(1.0)),
          bad("jitter", b -> b.jitter(Double.NaN)),
          bad("lease", b -> b.lease(Duration.ZERO)),
          bad("batchSize", b -> b.batchSize(0)),
          bad("maxPerRun", b -> b.maxPerRun(0)));
    }

    private static Arguments bad(String argument, Consumer<DispatchSettings.Builder> setting) {
      return Arguments.of(argument, setting);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSettings")
    void shouldRejectABadSettingInItsSetterNamingTheArgument(
        String argument, Consumer<DispatchSettings.Builder> setting) {
      FollowUpFixture.assertRejected(
          argument + " must ", () -> setting.accept(DispatchSettings.builder()));
    }

    @Test
    void shouldRejectNullDurationsNamingTheArgument() {
      DispatchSettings.Builder builder = DispatchSettings.builder();

      FollowUpFixture.assertNullRejected("lease", () -> builder.lease(null));
      FollowUpFixture.assertNullRejected(
          "initial", () -> builder.backoff(null, 2, Duration.ofHours(1)));
      FollowUpFixture.assertNullRejected(
          "max", () -> builder.backoff(Duration.ofMinutes(1), 2, null));
    }

    @Test
    void shouldRejectAMaximumWaitShorterThanTheFirstOnBuild() {
      DispatchSettings.Builder builder =
          DispatchSettings.builder().backoff(Duration.ofHours(2), 2, Duration.ofHours(1));

      IllegalStateException e = assertThrows(IllegalStateException.class, builder::build);

      assertEquals(
          "maxBackoff (PT1H) must not be shorter than initialBackoff (PT2H)", e.getMessage());
    }

    @Test
    void shouldValidateTheRecordItselfToo() {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  new DispatchSettings(
                      3,
                      Duration.ofMinutes(1),
                      2,
                      Duration.ofHours(1),
                      0.2,
                      Duration.ofMinutes(5),
                      0,
                      10));

      assertEquals("batchSize must be at least 1 but was 0", e.getMessage());
    }
  }
}
