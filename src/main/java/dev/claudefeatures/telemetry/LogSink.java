package dev.claudefeatures.telemetry;

import java.util.List;

import org.jboss.logging.Logger;

/** A readable line per call in dev; the usage log already has the full record. */
final class LogSink implements MetricSink {

    private static final Logger LOG = Logger.getLogger(LogSink.class);

    @Override
    public void publish(List<CallRecord> records) {
        for (CallRecord r : records) {
            LOG.infof("%s on %s: %d in + %d cache read + %d cache write, %d out tokens, $%s, %d ms%s", r.feature(),
                    r.model(), r.tokens().input(), r.tokens().cacheRead(), r.tokens().cacheWrite(),
                    r.tokens().output(), r.costUsd().toPlainString(), r.latency().toMillis(),
                    r.failed() ? ", failed: " + r.errorType() : "");
        }
    }
}
