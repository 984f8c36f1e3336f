package dev.claudefeatures.telemetry;

import java.util.List;

/** Publishes the call records of one invocation. Never throws: metrics must not fail a request. */
public interface MetricSink {

    void publish(List<CallRecord> records);
}
