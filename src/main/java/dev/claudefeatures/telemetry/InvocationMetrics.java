package dev.claudefeatures.telemetry;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;

/** The call records of the current invocation, until {@link InvocationFlush} publishes them. */
@RequestScoped
public class InvocationMetrics {

    private final List<CallRecord> records = new ArrayList<>();

    void add(CallRecord record) {
        records.add(record);
    }

    List<CallRecord> drain() {
        List<CallRecord> drained = List.copyOf(records);
        records.clear();
        return drained;
    }
}
