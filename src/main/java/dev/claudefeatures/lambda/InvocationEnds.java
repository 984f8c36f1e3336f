package dev.claudefeatures.lambda;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Where the runtime says that an invocation's answer is complete and the metrics extension waits
 * for it, by request id, in whichever order the two come. Static because the managed runtime
 * instantiates the handler itself, outside CDI; the set it keeps is one process's invocations.
 */
final class InvocationEnds {

    private static final ConcurrentHashMap<String, CountDownLatch> ENDS = new ConcurrentHashMap<>();
    /** Only while something waits for ends (the metrics extension) are they kept: else each would stay. */
    private static volatile boolean tracked;

    private InvocationEnds() {
    }

    /** From now on, ends are kept until {@link #awaitEnd} takes them. */
    static void track() {
        tracked = true;
    }

    /** The answer of {@code requestId} has been handed to the runtime, whatever it was. */
    static void ended(String requestId) {
        if (tracked) {
            ENDS.computeIfAbsent(requestId, id -> new CountDownLatch(1)).countDown();
        }
    }

    /** How many ends are kept now: none once each has been awaited. */
    static int kept() {
        return ENDS.size();
    }

    /**
     * Waits until {@code requestId} has ended, at most {@code limit}; forgets it either way.
     *
     * @return whether it ended in time
     */
    static boolean awaitEnd(String requestId, Duration limit) throws InterruptedException {
        try {
            return ENDS.computeIfAbsent(requestId, id -> new CountDownLatch(1))
                    .await(Math.max(0, limit.toNanos()), TimeUnit.NANOSECONDS);
        } finally {
            ENDS.remove(requestId);
        }
    }
}
