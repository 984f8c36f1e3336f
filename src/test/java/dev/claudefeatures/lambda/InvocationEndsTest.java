package dev.claudefeatures.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * Ends are met whichever comes first, the runtime's word or the extension's wait, and none is kept
 * once awaited; where nothing awaits them (no metrics extension), at most the last one is kept.
 * Each test has its own ends: nothing is shared between them, or with the application.
 */
class InvocationEndsTest {

    @Test
    void anEndIsMetWhetherTheAnswerOrTheWaitComesFirstAndIsForgottenOnceAwaited() throws Exception {
        InvocationEnds ends = new InvocationEnds();

        ends.ended("answered-first");
        assertThat(ends.awaitEnd("answered-first", Duration.ZERO)).isTrue();

        Thread answer = new Thread(() -> ends.ended("awaited-first"));
        answer.start();
        assertThat(ends.awaitEnd("awaited-first", Duration.ofSeconds(10))).isTrue();
        answer.join();

        assertThat(ends.awaitEnd("never-answered", Duration.ZERO)).isFalse();
        assertThat(ends.kept()).isZero();
    }

    @Test
    void withoutAnExtensionToAwaitThemOnlyTheLastEndIsKept() {
        InvocationEnds ends = new InvocationEnds();

        for (int invocation = 0; invocation < 1_000; invocation++) {
            ends.ended("invocation-" + invocation);
        }

        assertThat(ends.kept()).as("a function without the extension keeps no more than one").isEqualTo(1);
    }

    @Test
    void anEndThatIsAwaitedIsNotDroppedWhenAnotherEnds() throws Exception {
        InvocationEnds ends = new InvocationEnds();
        java.util.concurrent.CompletableFuture<Boolean> awaited = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return ends.awaitEnd("awaited", Duration.ofSeconds(30));
            } catch (InterruptedException interrupted) {
                throw new IllegalStateException(interrupted);
            }
        });
        while (ends.kept() == 0) {
            Thread.onSpinWait(); // until the wait has begun
        }

        ends.ended("unawaited");
        ends.ended("awaited");

        assertThat(awaited.get()).isTrue();
    }
}
