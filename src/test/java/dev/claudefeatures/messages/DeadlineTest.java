package dev.claudefeatures.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A deadline on the nano clock, tested at fixed instants far from zero. */
class DeadlineTest {

    private static final long NOW = 5_000_000_000_000L;
    private final Deadline deadline = new Deadline(NOW + Duration.ofSeconds(2).toNanos());

    @Test
    void theTimeLeftCountsDownAndGoesNegativeOnceThePointHasPassed() {
        assertThat(deadline.remaining(NOW)).isEqualTo(Duration.ofSeconds(2));
        assertThat(deadline.remaining(NOW + Duration.ofSeconds(3).toNanos())).isEqualTo(Duration.ofSeconds(-1));
    }

    @Test
    void itAllowsWhatFitsToTheNanosecondButNeverLessThanAWorthwhileAttempt() {
        assertThat(deadline.allows(Duration.ofSeconds(2), NOW)).isTrue();
        assertThat(deadline.allows(Duration.ofSeconds(2).plusNanos(1), NOW)).isFalse();
        assertThat(deadline.allows(Duration.ZERO, NOW + Duration.ofSeconds(2).minus(Deadline.MIN_ATTEMPT).toNanos()))
                .isTrue();
        assertThat(deadline.allows(Duration.ZERO,
                NOW + Duration.ofSeconds(2).minus(Deadline.MIN_ATTEMPT).plusNanos(1).toNanos())).isFalse();
    }

    @Test
    void aDeadlineAfterABudgetEndsThatBudgetFromNow() {
        long before = System.nanoTime();
        Deadline after = Deadline.after(Duration.ofSeconds(10));
        long afterCreation = System.nanoTime();

        assertThat(after.endNanos()).isBetween(before + Duration.ofSeconds(10).toNanos(),
                afterCreation + Duration.ofSeconds(10).toNanos());
        assertThat(after.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(after.allows(Duration.ofSeconds(5))).isTrue();
        assertThat(after.allows(Duration.ofSeconds(11))).isFalse();
    }
}
