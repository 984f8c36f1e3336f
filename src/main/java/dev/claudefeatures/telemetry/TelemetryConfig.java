package dev.claudefeatures.telemetry;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code telemetry.*}: where call metrics go and what the usage log holds. */
@ConfigMapping(prefix = "telemetry")
public interface TelemetryConfig {

    /** Where metrics go: {@code cloudwatch}, {@code emf}, {@code log} or {@code none}. */
    @WithDefault("cloudwatch")
    SinkType sink();

    /** CloudWatch namespace of every metric. */
    @WithDefault("ClaudeFeatures")
    String namespace();

    /** The most a {@code PutMetricData} may delay a response; beyond it the metrics are dropped and counted. */
    @WithDefault("200ms")
    Duration publishTimeout();

    /** Put prompt and response text into the usage log. Off: they may hold personal data. */
    @WithDefault("false")
    boolean logContent();

    /** The CloudWatch client. */
    CloudWatch cloudwatch();

    interface CloudWatch {
        /** Endpoint override, for tests against a local fake. */
        Optional<URI> endpointOverride();

        /** Region; by default the SDK's (in Lambda, {@code AWS_REGION}). */
        Optional<String> region();
    }

    enum SinkType {
        /** {@code PutMetricData}, once per invocation, before the response returns. */
        CLOUDWATCH,
        /** CloudWatch Embedded Metric Format lines in the log: no API call, no added latency. */
        EMF,
        /** A readable summary line per invocation, for dev. */
        LOG,
        /** Nothing, for tests. */
        NONE
    }
}
