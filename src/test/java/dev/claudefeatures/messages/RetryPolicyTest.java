package dev.claudefeatures.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The official SDKs' retry rules, asserted with a fixed jitter and clock, never with wall time. */
class RetryPolicyTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    private static RetryPolicy policy(double random) {
        return new RetryPolicy(2, () -> random, CLOCK);
    }

    private static AnthropicApiException error(int status, Map<String, String> headers) {
        return AnthropicApiException.of(status, "some_error", "m", "req_1", headers);
    }

    @ParameterizedTest
    @CsvSource({"400,false", "401,false", "403,false", "404,false", "408,true", "409,true", "413,false",
            "422,false", "429,true", "500,true", "502,true", "503,true", "504,true", "529,true"})
    void retriesExactlyTheStatusesTheSdksRetry(int status, boolean retried) {
        assertThat(policy(0).shouldRetry(error(status, Map.of()), 0)).isEqualTo(retried);
    }

    @Test
    void theShouldRetryHeaderOverridesTheStatus() {
        assertThat(policy(0).shouldRetry(error(400, Map.of("x-should-retry", "true")), 0)).isTrue();
        assertThat(policy(0).shouldRetry(error(529, Map.of("x-should-retry", "false")), 0)).isFalse();
    }

    @Test
    void transportFailuresRetryAndCredentialFailuresDoNot() {
        assertThat(policy(0).shouldRetry(new AnthropicTransportException("x", null, true), 0)).isTrue();
        assertThat(policy(0).shouldRetry(new AnthropicCredentialsException("x", null), 0)).isFalse();
    }

    @Test
    void givesUpAfterMaxRetries() {
        assertThat(policy(0).shouldRetry(error(529, Map.of()), 1)).isTrue();
        assertThat(policy(0).shouldRetry(error(529, Map.of()), 2)).isFalse();
    }

    @Test
    void backoffDoublesFromHalfASecondUpToEightWithoutJitter() {
        RetryPolicy noJitter = policy(0);
        List<Duration> delays = new ArrayList<>();
        for (int retries = 0; retries < 6; retries++) {
            delays.add(noJitter.delayBeforeRetry(error(500, Map.of()), retries));
        }
        assertThat(delays).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(8));
    }

    @Test
    void jitterTakesOffAtMostAQuarter() {
        assertThat(policy(0.999_999).delayBeforeRetry(error(500, Map.of()), 2).toMillis()).isEqualTo(1500);
    }

    @Test
    void retryAfterMsComesFirstThenRetryAfterSecondsThenAnHttpDate() {
        RetryPolicy policy = policy(0);
        assertThat(policy.delayBeforeRetry(error(429, Map.of("retry-after-ms", "1500", "retry-after", "9")), 0))
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(policy.delayBeforeRetry(error(429, Map.of("retry-after", "3")), 0))
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.delayBeforeRetry(error(429, Map.of("retry-after", "Wed, 25 Nov 2026 10:00:07 GMT")), 0))
                .isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aServerDelayOfAMinuteOrMoreOrUnparseableFallsBackToTheBackoff() {
        RetryPolicy policy = policy(0);
        assertThat(policy.delayBeforeRetry(error(429, Map.of("retry-after", "60")), 1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayBeforeRetry(error(429, Map.of("retry-after", "soon")), 0))
                .isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aNegativeRetryCountIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(-1, () -> 0, CLOCK)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A retrier on a fake nano clock that starts far from 0, with a 25 s attempt timeout. */
    private static Retrier retrier(List<Duration> waits, AtomicLong now) {
        return new Retrier(policy(0), wait -> {
            waits.add(wait);
            now.addAndGet(wait.toNanos());
        }, Duration.ofSeconds(25));
    }

    private static final long START = 7_000_000_000_000L;

    private static Deadline in(AtomicLong now, Duration budget) {
        return new Deadline(now.get() + budget.toNanos(), now::get);
    }

    @Test
    void theRetrierWaitsBetweenAttemptsCountsThemAndTimesTheWholeRun() {
        AtomicLong now = new AtomicLong(START);
        List<Duration> waits = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();

        Retrier.Outcome<String> outcome = retrier(waits, now).run(timeout -> {
            now.addAndGet(Duration.ofMillis(100).toNanos());
            if (calls.incrementAndGet() < 3) {
                throw error(529, Map.of());
            }
            return "ok";
        }, in(now, Duration.ofSeconds(28)));

        assertThat(outcome.value()).isEqualTo("ok");
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        // Three attempts of 100 ms and the two waits, measured from the first attempt's start.
        assertThat(outcome.elapsed()).isEqualTo(Duration.ofMillis(1800));
    }

    @Test
    void eachAttemptGetsTheAttemptTimeoutOrTheTimeLeftWhicheverIsShorter() {
        AtomicLong now = new AtomicLong(START);
        List<Duration> given = new ArrayList<>();

        assertThatThrownBy(() -> retrier(new ArrayList<>(), now).run(timeout -> {
            given.add(timeout);
            now.addAndGet(timeout.toNanos()); // every attempt times out
            throw new AnthropicTransportException("timeout", null, true);
        }, in(now, Duration.ofSeconds(28)))).isInstanceOfSatisfying(AnthropicTransportException.class, e -> {
            assertThat(e.attempts()).isEqualTo(2);
            assertThat(e.elapsed()).isEqualTo(Duration.ofSeconds(28));
        });
        // 25 s, then a 0.5 s wait leaves 2.5 s: the retry gets exactly that and ends on the deadline.
        assertThat(given).containsExactly(Duration.ofSeconds(25), Duration.ofMillis(2500));
    }

    @Test
    void noRetryStartsWhenTheWaitWouldLeaveLessThanAWorthwhileAttempt() {
        AtomicLong now = new AtomicLong(START);
        List<Duration> waits = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retrier(waits, now).run(timeout -> {
            calls.incrementAndGet();
            now.addAndGet(Duration.ofMillis(600).toNanos());
            throw error(529, Map.of());
        }, in(now, Duration.ofMillis(1300)))).isInstanceOfSatisfying(AnthropicApiException.class, e -> {
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.elapsed()).isEqualTo(Duration.ofMillis(600));
        });
        // 700 ms left, minus the 500 ms wait, is under Deadline.MIN_ATTEMPT (250 ms).
        assertThat(calls).hasValue(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aDeadlineAlreadyTooCloseStartsNoAttempt() {
        AtomicLong now = new AtomicLong(START);
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retrier(new ArrayList<>(), now).run(timeout -> calls.incrementAndGet(),
                in(now, Duration.ofMillis(249)))).isInstanceOfSatisfying(AnthropicTransportException.class, e -> {
                    assertThat(e.timedOut()).isTrue();
                    assertThat(e.attempts()).isZero();
                });
        assertThat(calls).hasValue(0);
    }

    @Test
    void theRetrierDoesNotRetryAClientError() {
        AtomicLong now = new AtomicLong(START);
        List<Duration> waits = new ArrayList<>();

        assertThatThrownBy(() -> retrier(waits, now).run(timeout -> {
            throw error(400, Map.of());
        }, in(now, Duration.ofSeconds(28)))).isInstanceOfSatisfying(AnthropicApiException.class,
                e -> assertThat(e.attempts()).isEqualTo(1));
        assertThat(waits).isEmpty();
    }

    @Test
    void zeroRetriesIsAllowedAndNeverRetries() {
        RetryPolicy none = new RetryPolicy(0, () -> 0, CLOCK);

        assertThat(none.shouldRetry(error(529, Map.of()), 0)).isFalse();
    }

    @Test
    void anAttemptStartsWithExactlyTheLeastWorthwhileTimeLeftAndGetsThatTime() {
        AtomicLong now = new AtomicLong(START);
        List<Duration> given = new ArrayList<>();

        Retrier.Outcome<String> outcome = retrier(new ArrayList<>(), now).run(timeout -> {
            given.add(timeout);
            return "ok";
        }, in(now, Deadline.MIN_ATTEMPT));

        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(given).containsExactly(Deadline.MIN_ATTEMPT);
    }

    @Test
    void anAttemptWithExactlyTheAttemptTimeoutLeftGetsIt() {
        AtomicLong now = new AtomicLong(START);
        List<Duration> given = new ArrayList<>();

        retrier(new ArrayList<>(), now).run(timeout -> {
            given.add(timeout);
            return "ok";
        }, in(now, Duration.ofSeconds(25)));

        assertThat(given).containsExactly(Duration.ofSeconds(25));
    }

    @Test
    void aRetryStartsWhenTheWaitLeavesExactlyTheLeastWorthwhileTime() {
        AtomicLong now = new AtomicLong(START);
        List<Duration> waits = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();

        Retrier.Outcome<String> outcome = retrier(waits, now).run(timeout -> {
            if (calls.incrementAndGet() == 1) {
                throw error(529, Map.of());
            }
            return "ok";
        }, in(now, Duration.ofMillis(500).plus(Deadline.MIN_ATTEMPT)));

        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(waits).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void aWaitThatOverslepsTheDeadlineEndsTheCallAsATimeoutWithItsAttemptsAndTime() {
        AtomicLong now = new AtomicLong(START);
        // The thread wakes 300 ms late: the deadline has passed by the time the retry would start.
        Retrier late = new Retrier(policy(0), wait -> now.addAndGet(wait.plusMillis(300).toNanos()),
                Duration.ofSeconds(25));

        assertThatThrownBy(() -> late.run(timeout -> {
            now.addAndGet(Duration.ofMillis(100).toNanos());
            throw error(529, Map.of());
        }, in(now, Duration.ofMillis(850)))).isInstanceOfSatisfying(AnthropicTransportException.class, e -> {
            assertThat(e.timedOut()).isTrue();
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.elapsed()).isEqualTo(Duration.ofMillis(900));
        });
    }
}
