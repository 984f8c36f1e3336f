package dev.claudefeatures.telemetry;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.AnthropicConfig;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;

/** Builds the configured {@link MetricSink} once, at start-up. */
@ApplicationScoped
public class MetricSinks {

    @Produces
    @ApplicationScoped
    DeferrableSink sink(TelemetryConfig config, AnthropicConfig anthropic, ObjectMapper json, StdoutLines out,
            Rehearsal rehearsal) {
        return switch (config.sink()) {
            case CLOUDWATCH -> new DeferrableSink(
                    new CloudWatchSink(cloudWatch(config), config.namespace(), Clock.systemUTC()), true, rehearsal);
            case EMF -> new DeferrableSink(new EmfSink(config.namespace(), Clock.systemUTC(), json, out,
                    anthropic.provider()), false, rehearsal);
            case LOG -> new DeferrableSink(new LogSink(), false, rehearsal);
            case NONE -> new DeferrableSink(records -> {
            }, false, rehearsal);
        };
    }

    void close(@Disposes DeferrableSink sink) {
        // Records still held when the application stops go out now rather than never.
        sink.flush();
        if (sink.target() instanceof CloudWatchSink cloudWatch) {
            cloudWatch.close();
        }
    }

    /**
     * The bound holds at every layer: the call as a whole, each socket operation, and no retries
     * (a retry would start the wait again).
     */
    static CloudWatchClient cloudWatch(TelemetryConfig config) {
        CloudWatchClientBuilder builder = CloudWatchClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(config.publishTimeout())
                        .socketTimeout(config.publishTimeout())
                        .build())
                .overrideConfiguration(o -> o
                        .apiCallTimeout(config.publishTimeout())
                        .retryStrategy(AwsRetryStrategy.doNotRetry()));
        config.cloudwatch().endpointOverride().ifPresent(builder::endpointOverride);
        config.cloudwatch().region().map(Region::of).ifPresent(builder::region);
        return builder.build();
    }
}
