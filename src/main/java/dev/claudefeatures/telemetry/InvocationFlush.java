package dev.claudefeatures.telemetry;

import jakarta.inject.Inject;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Publishes the invocation's call records after the resource (or an exception mapper) has made
 * the response and before it is sent: in Lambda, nothing may wait until after the handler
 * returns, because the environment can freeze then. One publish per invocation, never buffered
 * across invocations.
 */
public class InvocationFlush {

    private final InvocationMetrics invocation;
    private final MetricSink sink;

    @Inject
    public InvocationFlush(InvocationMetrics invocation, MetricSink sink) {
        this.invocation = invocation;
        this.sink = sink;
    }

    @ServerResponseFilter
    public void flush() {
        var records = invocation.drain();
        if (!records.isEmpty()) {
            sink.publish(records);
        }
    }
}
