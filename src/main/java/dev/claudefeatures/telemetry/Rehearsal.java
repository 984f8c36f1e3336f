package dev.claudefeatures.telemetry;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * While on, calls are recorded as usual, through the same code (the record, its cost, its usage
 * line, the invocation's metrics and their EMF documents or {@code PutMetricData} request are all
 * built, so that the path is warm), but nothing leaves the process: {@link StdoutLines} writes
 * nothing and the {@link DeferrableSink} neither holds nor sends. The calls of a rehearsal, such as
 * SnapStart priming against the offline simulator, cost nothing and must not show up as cost.
 */
@ApplicationScoped
public class Rehearsal {

    private volatile boolean on;

    /** Runs {@code rehearsal} with recording muted; rehearsals do not nest. */
    public <T> T during(Supplier<T> rehearsal) {
        on = true;
        try {
            return rehearsal.get();
        } finally {
            on = false;
        }
    }

    boolean on() {
        return on;
    }
}
