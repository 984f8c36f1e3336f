package dev.claudefeatures.testing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;

import dev.claudefeatures.simulator.OfflineSimulator;

/**
 * A {@code @QuarkusTest} against the offline simulator. Every fault a test queues must have been
 * used when it ends: one left over means the test did not test what it says.
 */
public abstract class OnTheSimulator {

    @Inject
    protected OfflineSimulator simulator;

    @AfterEach
    void everyQueuedFaultWasUsed() {
        assertThat(simulator.clearFaults()).as("faults queued but not used").isZero();
    }
}
