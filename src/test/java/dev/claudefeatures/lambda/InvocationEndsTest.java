package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * Ends are met whichever comes first, the runtime's word or the extension's wait, and none is kept
 * once awaited; before anything tracks them (no metrics extension), none is kept at all.
 */
class InvocationEndsTest {

    @Test
    void endsAreKeptOnlyWhileTrackedAndOnlyUntilAwaited() throws Exception {
        InvocationEnds.ended("before-tracking");
        assertThat(InvocationEnds.kept()).as("untracked: a function without the extension keeps nothing").isZero();

        InvocationEnds.track();
        InvocationEnds.ended("answered-first");
        assertThat(InvocationEnds.awaitEnd("answered-first", Duration.ZERO)).isTrue();

        Thread answer = new Thread(() -> InvocationEnds.ended("awaited-first"));
        answer.start();
        assertThat(InvocationEnds.awaitEnd("awaited-first", Duration.ofSeconds(10))).isTrue();
        answer.join();

        assertThat(InvocationEnds.awaitEnd("never-answered", Duration.ofMillis(1))).isFalse();
        assertThat(InvocationEnds.kept()).isZero();
    }
}
