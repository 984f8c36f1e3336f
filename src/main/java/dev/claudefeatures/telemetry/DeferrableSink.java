package dev.claudefeatures.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The configured sink, publishing at once, until something that can publish later without loss
 * takes over ({@link #deferUntilFlushed()}): from then on records are held, and each
 * {@link #flush()} publishes everything held in one go. In Lambda that is the metrics extension,
 * which flushes after an invocation's response has gone and before the environment may freeze, so
 * that no caller waits for a {@code PutMetricData}.
 */
public class DeferrableSink implements MetricSink {

    private final MetricSink target;
    private final boolean remote;
    private final ConcurrentLinkedQueue<CallRecord> held = new ConcurrentLinkedQueue<>();
    private volatile boolean deferred;

    /** @param remote whether publishing makes a network call: only then is it worth deferring */
    public DeferrableSink(MetricSink target, boolean remote) {
        this.target = target;
        this.remote = remote;
    }

    @Override
    public void publish(List<CallRecord> records) {
        if (deferred) {
            held.addAll(records);
        } else {
            target.publish(records);
        }
    }

    @Override
    public void rehearse(List<CallRecord> records) {
        target.rehearse(records);
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
