package dev.claudefeatures.telemetry;

import java.util.List;

/** Publishes the call records of one invocation. Never throws: metrics must not fail a request. */
public interface MetricSink {

    void publish(List<CallRecord> records);

    /**
     * Builds what {@link #publish} would send or write, and drops it: warms the path, costs
     * nothing. Lines written to {@link StdoutLines} are dropped there, so a sink that only writes
     * lines rehearses by publishing.
     */
    default void rehearse(List<CallRecord> records) {
    }
}
