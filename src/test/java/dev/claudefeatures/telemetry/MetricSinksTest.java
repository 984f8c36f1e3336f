package dev.claudefeatures.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.claudefeatures.testing.TestConfig;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * The CloudWatch client bounds what a publish can add to an answer: the whole call is cut at
 * {@code telemetry.publish-timeout}, and nothing is retried (a retry would start the wait again).
 */
class MetricSinksTest {

    @Test
    void theClientsCallTimeoutIsThePublishTimeoutAndItMakesOneAttempt() {
        TelemetryConfig config = TestConfig.with(Map.of("telemetry.publish-timeout", "150ms",
                "telemetry.cloudwatch.region", "eu-west-1"), TelemetryConfig.class)
                .getConfigMapping(TelemetryConfig.class);

        try (CloudWatchClient client = MetricSinks.cloudWatch(config)) {
            ClientOverrideConfiguration override = client.serviceClientConfiguration().overrideConfiguration();
            assertThat(override.apiCallTimeout()).contains(Duration.ofMillis(150));
            assertThat(override.retryStrategy()).hasValueSatisfying(retries -> assertThat(retries.maxAttempts()).isEqualTo(1));
            assertThat(client.serviceClientConfiguration().region().id()).isEqualTo("eu-west-1");
        }
    }
}
