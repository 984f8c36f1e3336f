package dev.claudefeatures.telemetry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.StopReason;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * What each metric sink adds to an invocation with one call, and what it costs per million calls.
 * Prints its figures; asserts nothing. Run with
 * {@code ./mvnw -B test -Dtest=TelemetrySinkBenchmark -Dbenchmarks=true}.
 */
@EnabledIfSystemProperty(named = "benchmarks", matches = "true")
class TelemetrySinkBenchmark {

    private static final int WARM_UP = 300;
    private static final int MEASURED = 2_000;
    /** us-east-1 list prices: PutMetricData per 1,000 requests; Logs standard ingestion per GB. */
    private static final double PUT_METRIC_DATA_PER_1000 = 0.01;
    private static final double LOG_INGESTION_PER_GB = 0.50;

    private static final List<CallRecord> ONE_CALL = List.of(new CallRecord("summarise", "claude-sonnet-4-6",
            "req_011CSHxyz", new TokenCounts(412, 3_900, 0, 0, 187), StopReason.END_TURN, Duration.ofMillis(1_840), 1,
            false, new BigDecimal("0.0052"), BigDecimal.ZERO, null, false, "0123456789ab", null, 0, null));

    @Test
    void cloudWatchAgainstEmf() {
        FakeCloudWatch fake = new FakeCloudWatch();
        String endpoint = fake.start().get("telemetry.cloudwatch.endpoint-override");
        try (CloudWatchClient client = CloudWatchClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMillis(200)).build())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMillis(200))
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .endpointOverride(URI.create(endpoint)).region(Region.EU_WEST_1).build()) {
            CloudWatchSink cloudWatch = new CloudWatchSink(client, "ClaudeFeatures", Clock.systemUTC());
            double[] cw = time(() -> {
                cloudWatch.publish(ONE_CALL);
                return null;
            });

            EmfSink emf = new EmfSink("ClaudeFeatures", Clock.systemUTC(), new ObjectMapper(), new StdoutLines());
            PrintStream sinkhole = new PrintStream(new ByteArrayOutputStream(), false, StandardCharsets.UTF_8);
            double[] emfTimes = time(() -> {
                emf.lines(ONE_CALL).forEach(sinkhole::println);
                return null;
            });
            int emfBytes = emf.lines(ONE_CALL).get(0).getBytes(StandardCharsets.UTF_8).length + 1;

            System.out.printf("%nMetric sinks, one call per invocation (%d measured after %d warm-up, JVM, %d cores)%n",
                    MEASURED, WARM_UP, Runtime.getRuntime().availableProcessors());
            System.out.printf("cloudwatch: p50 %.2f ms, p99 %.2f ms added (loopback fake: signing, CBOR, HTTP; "
                    + "add the in-region round trip in AWS); %d data points; 1,000,000 requests = $%.2f per million calls%n",
                    cw[0], cw[1], CloudWatchSink.datums(ONE_CALL, java.time.Instant.now()).size(),
                    1_000_000 / 1000.0 * PUT_METRIC_DATA_PER_1000);
            System.out.printf("emf:        p50 %.3f ms, p99 %.3f ms added; 0 requests; %d bytes a line = %.2f GB = $%.2f "
                    + "per million calls in log ingestion%n", emfTimes[0], emfTimes[1], emfBytes,
                    emfBytes * 1_000_000 / 1e9, emfBytes * 1_000_000 / 1e9 * LOG_INGESTION_PER_GB);
            System.out.printf("cloudwatch publishes that failed during the run: %d%n", cloudWatch.failedPublishes());
        } finally {
            fake.stop();
        }
    }

    /** Median and 99th percentile in milliseconds. */
    private static double[] time(Supplier<Void> action) {
        for (int i = 0; i < WARM_UP; i++) {
            action.get();
        }
        double[] millis = new double[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long start = System.nanoTime();
            action.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return new double[] {millis[MEASURED / 2], millis[(int) (MEASURED * 0.99)]};
    }
}
