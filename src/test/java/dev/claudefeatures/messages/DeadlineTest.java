package dev.claudefeatures.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** A deadline on a ticker the test moves, starting far from zero. */
class DeadlineTest {

    private final AtomicLong now = new AtomicLong(5_000_000_000_000L);
    private final Deadline deadline = Deadline.after(Duration.ofSeconds(2), now::get);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void aDeadlineAfterABudgetEndsThatBudgetFromNowOnItsTicker() {
        assertThat(deadline.endNanos()).isEqualTo(5_000_000_000_000L + Duration.ofSeconds(2).toNanos());
        assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theTimeLeftCountsDownAndGoesNegativeOnceThePointHasPassed() {
        advance(Duration.ofSeconds(3));

        assertThat(deadline.remaining()).isEqualTo(Duration.ofSeconds(-1));
    }

    @Test
    void itTimesWhatHappensOnItsOwnTicker() {
        long start = now.get();
        advance(Duration.ofMillis(1600));

        assertThat(deadline.since(start)).isEqualTo(Duration.ofMillis(1600));
    }

    @Test
    void itAllowsWhatFitsToTheNanosecond() {
        assertThat(deadline.allows(Duration.ofSeconds(2))).isTrue();
        assertThat(deadline.allows(Duration.ofSeconds(2).plusNanos(1))).isFalse();
    }

    @Test
    void itNeverAllowsLessThanAWorthwhileAttempt() {
        advance(Duration.ofSeconds(2).minus(Deadline.MIN_ATTEMPT));
        assertThat(deadline.allows(Duration.ZERO)).isTrue();

        advance(Duration.ofNanos(1));
        assertThat(deadline.allows(Duration.ZERO)).isFalse();
    }

    @Test
    void theSystemTickerIsTheMonotonicClock() {
        long before = System.nanoTime();
        long read = Ticker.SYSTEM.nanoTime();

        assertThat(read).isBetween(before, System.nanoTime());
    }
}
