package dev.claudefeatures.messages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The monotonic clock that deadlines and call latencies are read from: {@link System#nanoTime()}
 * in production; in tests, a clock on which a slow answer costs no wall-clock time.
 */
@FunctionalInterface
public interface Ticker {

    Ticker SYSTEM = System::nanoTime;

    long nanoTime();

    /** The bean: a seam for tests, which install their own with {@code QuarkusMock}. */
    @ApplicationScoped
    class Producer {
        @Produces
        @ApplicationScoped
        Ticker ticker() {
            return SYSTEM;
        }
    }
}
