package dev.claudefeatures.lambda;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.Unremovable;

/**
 * Where the runtime says that an invocation's answer is complete and the metrics extension waits
 * for it, by request id, in whichever order the two come. Lambda hands an environment one
 * invocation at a time, and the next only once every extension is done with the last, so an
 * earlier end still kept when another comes is one that nothing waits for (no metrics extension):
 * it is dropped then, and at most one end is ever kept.
 */
@ApplicationScoped
@Unremovable // looked up by LambdaHandler, which the managed runtime instantiates outside CDI
public class InvocationEnds {

    private final ConcurrentHashMap<String, CountDownLatch> ends = new ConcurrentHashMap<>();

    /** The answer of {@code requestId} has been handed to the runtime, whatever it was. */
    public void ended(String requestId) {
        ends.computeIfAbsent(requestId, id -> new CountDownLatch(1)).countDown();
        ends.entrySet().removeIf(end -> !end.getKey().equals(requestId) && end.getValue().getCount() == 0);
    }

    /** How many ends are kept now: at most the last one, none once it has been awaited. */
    int kept() {
        return ends.size();
    }

    /**
     * Waits until {@code requestId} has ended, at most {@code limit}; forgets it either way.
     *
     * @return whether it ended in time
     */
    boolean awaitEnd(String requestId, Duration limit) throws InterruptedException {
        try {
            return ends.computeIfAbsent(requestId, id -> new CountDownLatch(1))
                    .await(Math.max(0, limit.toNanos()), TimeUnit.NANOSECONDS);
        } finally {
            ends.remove(requestId);
        }
    }
}
