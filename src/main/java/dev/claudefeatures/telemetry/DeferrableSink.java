package dev.claudefeatures.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The configured sink, publishing at once, until something that can publish later without loss
 * takes over ({@link #deferUntilFlushed()}): from then on records are held, and each
 * {@link #flush()} publishes everything held in one go. In Lambda that is the metrics extension,
 * which flushes after an invocation's response has gone and before the environment may freeze, so
 * that no caller waits for a {@code PutMetricData}. During a {@link Rehearsal} records are
 * neither held nor published: the target builds what it would send and drops it.
 */
public class DeferrableSink implements MetricSink {

    private final MetricSink target;
    private final boolean remote;
    private final Rehearsal rehearsal;
    private final ConcurrentLinkedQueue<CallRecord> held = new ConcurrentLinkedQueue<>();
    private volatile boolean deferred;

    /** @param remote whether publishing makes a network call: only then is it worth deferring */
    public DeferrableSink(MetricSink target, boolean remote, Rehearsal rehearsal) {
        this.target = target;
        this.remote = remote;
        this.rehearsal = rehearsal;
    }

    /** A sink that is never rehearsed through: for tests. */
    public DeferrableSink(MetricSink target, boolean remote) {
        this(target, remote, new Rehearsal());
    }

    @Override
    public void publish(List<CallRecord> records) {
        if (rehearsal.on()) {
            target.rehearse(records);
        } else if (deferred) {
            held.addAll(records);
        } else {
            target.publish(records);
        }
    }

    /** Whether publishing costs a network round trip (the {@code cloudwatch} sink). */
    public boolean remote() {
        return remote;
    }

    /** From now on, records wait for {@link #flush()}; whoever calls this must keep flushing. */
    public void deferUntilFlushed() {
        deferred = true;
    }

    /** Publishes every record held so far, in one publish; returns how many there were. */
    public int flush() {
        List<CallRecord> records = new ArrayList<>();
        for (CallRecord record; (record = held.poll()) != null;) {
            records.add(record);
        }
        if (!records.isEmpty()) {
            target.publish(records);
        }
        return records.size();
    }

    MetricSink target() {
        return target;
    }
}
