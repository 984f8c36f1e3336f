package dev.claudefeatures.telemetry;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * While on, calls are recorded as usual (the record, its cost, its usage line and its metrics
 * are all built, so that the path is warm) but nothing is written or published: the calls of a
 * rehearsal, such as SnapStart priming against the offline simulator, cost nothing and must not
 * show up as cost.
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
