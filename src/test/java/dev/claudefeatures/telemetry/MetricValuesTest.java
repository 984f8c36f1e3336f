package dev.claudefeatures.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.StopReason;
import dev.claudefeatures.messages.Usage;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;

/**
 * Each metric's value read off a call record, against fixed expected values rather than another
 * sink's output; what the two sinks do with them, down to their limits.
 */
class MetricValuesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    /** A succeeded call that stopped at max_tokens, on its third attempt, as an escalation. */
    static final CallRecord STOPPED = new CallRecord("summarise", "claude-sonnet-4-6", "req_1",
            new TokenCounts(101, 202, 30, 4, 55), StopReason.MAX_TOKENS, Duration.ofNanos(1_234_500_000L), 3, true,
            new BigDecimal("0.00123"), new BigDecimal("-0.00042"), null, false, "0123456789ab", null, 0, null);
    /** A failed call, on its only attempt. */
    static final CallRecord FAILED = new CallRecord("summarise", "claude-opus-4-6", null, TokenCounts.NONE, null,
            Duration.ofMillis(7), 1, false, BigDecimal.ZERO, BigDecimal.ZERO, "overloaded_error", false, "0123456789ab", null, 0, null);

    @Test
    void everyMetricHasItsExpectedValueForASucceededCall() {
        Map<MetricName, Double> expected = new EnumMap<>(Map.of(
                MetricName.INPUT_TOKENS, 101.0, MetricName.CACHE_READ_TOKENS, 202.0,
                MetricName.CACHE_WRITE_TOKENS, 34.0, MetricName.OUTPUT_TOKENS, 55.0,
                MetricName.ESTIMATED_COST_USD, 0.00123, MetricName.LATENCY, 1234.5, MetricName.CALLS, 1.0,
                MetricName.ERRORS, 0.0, MetricName.MAX_TOKENS_STOPS, 1.0, MetricName.RETRIES, 2.0));
        expected.put(MetricName.ESCALATIONS, 1.0);
        expected.put(MetricName.CACHE_INEFFECTIVE, 0.0);
        expected.put(MetricName.CACHE_NET_SAVING_USD, -0.00042);
        expected.put(MetricName.CACHE_MISSED_INPUT_TOKENS, 0.0);
        expected.put(MetricName.TIME_TO_FIRST_TOKEN, 321.5);

        assertThat(expected).hasSize(MetricName.values().length);
        CallRecord streamed = STOPPED.streamed(Duration.ofNanos(321_500_000L));
        expected.forEach((metric, value) -> assertThat(metric.valueOf(streamed)).as(metric.wireName()).isEqualTo(value));
    }

    @Test
    void everyMetricHasItsExpectedValueForAFailedCall() {
        assertThat(FAILED.failed()).isTrue();
        assertThat(STOPPED.failed()).isFalse();
        assertThat(MetricName.ERRORS.valueOf(FAILED)).isEqualTo(1.0);
        assertThat(MetricName.CALLS.valueOf(FAILED)).isEqualTo(1.0);
        assertThat(MetricName.RETRIES.valueOf(FAILED)).isZero();
        assertThat(MetricName.MAX_TOKENS_STOPS.valueOf(FAILED)).isZero();
        assertThat(MetricName.ESCALATIONS.valueOf(FAILED)).isZero();
        assertThat(MetricName.LATENCY.valueOf(FAILED)).isEqualTo(7.0);
    }

    @Test
    void aCallWhoseBreakpointNeitherWroteNorReadCountsAsCacheIneffective() {
        CallRecord ineffective = new CallRecord("summarise", "claude-sonnet-4-6", "req_2", new TokenCounts(900, 0, 0, 0,
                20), StopReason.END_TURN, Duration.ofMillis(5), 1, false, BigDecimal.ONE, BigDecimal.ZERO, null, true, "0123456789ab", null, 0, null);

        assertThat(MetricName.CACHE_INEFFECTIVE.valueOf(ineffective)).isEqualTo(1.0);
    }

    @Test
    void tokenCountsKeepTheApisSplitAndNoUsageIsNone() {
        Usage usage = new ObjectMapper().convertValue(Map.of("input_tokens", 11, "output_tokens", 22,
                "cache_read_input_tokens", 33, "cache_creation", Map.of("ephemeral_5m_input_tokens", 44,
                        "ephemeral_1h_input_tokens", 55), "cache_creation_input_tokens", 99), Usage.class);

        assertThat(TokenCounts.of(usage)).isEqualTo(new TokenCounts(11, 33, 44, 55, 22));
        assertThat(TokenCounts.of(usage).cacheWrite()).isEqualTo(99);
        assertThat(TokenCounts.of(null)).isEqualTo(TokenCounts.NONE);
    }

    @Test
    void anEmfLineCarriesTheExpectedValuesAndOneHundredRecordsFitOneLine() throws Exception {
        List<String> written = new ArrayList<>();
        EmfSink sink = new EmfSink("ClaudeFeatures", Clock.fixed(NOW, ZoneOffset.UTC), new ObjectMapper(),
                new StdoutLines() {
                    @Override
                    public void write(String line) {
                        written.add(line);
                    }
                });

        sink.publish(List.of(STOPPED));
        JsonNode line = new ObjectMapper().readTree(written.get(0));
        assertThat(written).hasSize(1);
        assertThat(line.path("Latency").asDouble()).isEqualTo(1234.5);
        assertThat(line.path("CacheWriteTokens").asDouble()).isEqualTo(34.0);
        assertThat(line.path("Retries").asDouble()).isEqualTo(2.0);

        List<CallRecord> hundred = new ArrayList<>();
        for (int i = 0; i < EmfSink.MAX_VALUES; i++) {
            hundred.add(STOPPED);
        }
        assertThat(sink.lines(hundred)).hasSize(1);
        hundred.add(STOPPED);
        assertThat(sink.lines(hundred)).hasSize(2);
    }

    /** A CloudWatch client that keeps what it is asked to put, or fails when told to. */
    private static CloudWatchClient fakeCloudWatch(List<PutMetricDataRequest> requests, boolean fail) {
        return (CloudWatchClient) Proxy.newProxyInstance(MetricValuesTest.class.getClassLoader(),
                new Class<?>[] {CloudWatchClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("putMetricData")) {
                        if (fail) {
                            throw new IllegalStateException("CloudWatch is down");
                        }
                        PutMetricDataRequest request;
                        if (args[0] instanceof PutMetricDataRequest given) {
                            request = given;
                        } else {
                            PutMetricDataRequest.Builder builder = PutMetricDataRequest.builder();
                            @SuppressWarnings("unchecked")
                            Consumer<PutMetricDataRequest.Builder> consumer = (Consumer<PutMetricDataRequest.Builder>) args[0];
                            consumer.accept(builder);
                            request = builder.build();
                        }
                        requests.add(request);
                        return PutMetricDataResponse.builder().build();
                    }
                    return null;
                });
    }

    @Test
    void theCloudWatchSinkPutsEverySeriesWithItsDimensionsAndValuesInChunksOfAThousand() {
        List<PutMetricDataRequest> requests = new ArrayList<>();
        CloudWatchSink sink = new CloudWatchSink(fakeCloudWatch(requests, false), "ClaudeFeatures",
                Clock.fixed(NOW, ZoneOffset.UTC));

        sink.publish(List.of());
        assertThat(requests).isEmpty();

        sink.publish(List.of(STOPPED));
        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(request.namespace()).isEqualTo("ClaudeFeatures");
            assertThat(request.metricData()).hasSize(EmfSinkTest.SERIES_OF_ONE_FEATURE_AND_MODEL);
            MetricDatum latency = only(request.metricData().stream().filter(d -> d.metricName().equals("Latency")));
            assertThat(latency.values()).containsExactly(1234.5);
            assertThat(latency.unitAsString()).isEqualTo("Milliseconds");
            assertThat(latency.timestamp()).isEqualTo(NOW);
            assertThat(latency.dimensions()).extracting(d -> d.name() + "=" + d.value())
                    .containsExactly("Feature=summarise");
            MetricDatum costByModel = only(request.metricData().stream().filter(d -> d.metricName().equals("EstimatedCostUSD")
                    && d.dimensions().size() == 1 && d.dimensions().get(0).name().equals("Model")));
            assertThat(costByModel.dimensions().get(0).value()).isEqualTo("claude-sonnet-4-6");
            assertThat(costByModel.values()).containsExactly(0.00123);
        });

        // 110 features on one model: 110 x 10 per-feature series + 6 more, more than one request can carry.
        List<CallRecord> many = new ArrayList<>();
        for (int i = 0; i < 110; i++) {
            many.add(new CallRecord("f" + i, "m", null, TokenCounts.NONE, StopReason.END_TURN, Duration.ZERO, 1,
                    false, BigDecimal.ZERO, BigDecimal.ZERO, null, false, "0123456789ab", null, 0, null));
        }
        requests.clear();
        sink.publish(many);
        int datums = CloudWatchSink.datums(many, NOW).size();
        assertThat(requests).hasSize((datums + 999) / 1000);
        assertThat(requests.get(0).metricData()).hasSize(CloudWatchSink.MAX_DATUMS_PER_REQUEST);
        assertThat(requests.stream().mapToInt(r -> r.metricData().size()).sum()).isEqualTo(datums);
    }

    private static MetricDatum only(java.util.stream.Stream<MetricDatum> datums) {
        List<MetricDatum> found = datums.toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void oneHundredFiftyValuesFitOneDatumAndOneMoreStartsAnother() {
        List<CallRecord> records = new ArrayList<>();
        for (int i = 0; i < CloudWatchSink.MAX_VALUES_PER_DATUM; i++) {
            records.add(STOPPED);
        }
        assertThat(CloudWatchSink.datums(records, NOW)).hasSize(EmfSinkTest.SERIES_OF_ONE_FEATURE_AND_MODEL);
        records.add(STOPPED);
        assertThat(CloudWatchSink.datums(records, NOW)).hasSize(EmfSinkTest.SERIES_OF_ONE_FEATURE_AND_MODEL * 2);
    }

    @Test
    void aFailedPublishIsCountedAndSwallowed() {
        CloudWatchSink sink = new CloudWatchSink(fakeCloudWatch(new ArrayList<>(), true), "ClaudeFeatures",
                Clock.fixed(NOW, ZoneOffset.UTC));

        sink.publish(List.of(STOPPED));
        sink.publish(List.of(STOPPED));

        assertThat(sink.failedPublishes()).isEqualTo(2);
    }

    @Test
    void cacheMissesAreCountedByReasonOnlyForCallsThatGaveOne() throws Exception {
        CallRecord missed = new CallRecord("support-reply", "claude-sonnet-4-6", "req_3", new TokenCounts(4100, 0, 4100,
                0, 50), StopReason.END_TURN, Duration.ofMillis(900), 1, false, BigDecimal.ONE, BigDecimal.ZERO, null, false, "0123456789ab",
                "system_changed", 4096, null);

        List<MetricSeries> series = MetricSeries.of(List.of(STOPPED, missed));

        assertThat(series).filteredOn(s -> s.metric() == MetricName.CACHE_MISSED_INPUT_TOKENS)
                .extracting(s -> new java.util.TreeMap<>(s.dimensions()) + "=" + s.values())
                .containsExactly("{Reason=system_changed}=[4096.0]");
        List<String> written = new ArrayList<>();
        new EmfSink("ClaudeFeatures", Clock.fixed(NOW, ZoneOffset.UTC), new ObjectMapper(), new StdoutLines() {
            @Override
            public void write(String line) {
                written.add(line);
            }
        }).publish(List.of(missed));
        JsonNode byReason = new ObjectMapper().readTree(written.get(1));
        assertThat(written).hasSize(2);
        assertThat(byReason.path("Reason").asText()).isEqualTo("system_changed");
        assertThat(byReason.path("CacheMissedInputTokens").asDouble()).isEqualTo(4096.0);
        assertThat(byReason.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
                .isEqualTo("[[\"Reason\"]]");
        assertThat(new ObjectMapper().readTree(written.get(0)).has("Reason")).isFalse();
    }

    @Test
    void timeToFirstTokenIsEmittedOnlyForStreamedCalls() throws Exception {
        CallRecord streamed = new CallRecord("chat", "claude-sonnet-4-6", "req_4", new TokenCounts(40, 4012, 0, 0, 12),
                StopReason.END_TURN, Duration.ofMillis(900), 1, false, BigDecimal.ONE, BigDecimal.ZERO, null, false, "0123456789ab",
                null, 0, Duration.ofMillis(180));

        List<MetricSeries> series = MetricSeries.of(List.of(STOPPED, streamed));

        assertThat(series).filteredOn(s -> s.metric() == MetricName.TIME_TO_FIRST_TOKEN)
                .extracting(s -> new java.util.TreeMap<>(s.dimensions()) + "=" + s.values())
                .containsExactly("{Feature=chat}=[180.0]");
        List<String> written = new ArrayList<>();
        new EmfSink("ClaudeFeatures", Clock.fixed(NOW, ZoneOffset.UTC), new ObjectMapper(), new StdoutLines() {
            @Override
            public void write(String line) {
                written.add(line);
            }
        }).publish(List.of(STOPPED, streamed));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : written) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).filteredOn(line -> line.has("TimeToFirstToken")).singleElement()
                .satisfies(line -> {
                    assertThat(line.path("Feature").asText()).isEqualTo("chat");
                    assertThat(line.path("TimeToFirstToken").asDouble()).isEqualTo(180.0);
                    assertThat(line.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0)
                            .path("Unit").asText()).isEqualTo("Milliseconds");
                });
        assertThat(lines).filteredOn(line -> line.path("Feature").asText().equals("summarise"))
                .noneMatch(line -> line.has("TimeToFirstToken"));
    }
}
