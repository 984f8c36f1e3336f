package dev.claudefeatures.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.StopReason;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/** EMF lines follow the specification and carry the values the CloudWatch sink would send. */
class EmfSinkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    /** Eight metrics per feature, cost three ways, calls and stops two, errors and retries overall. */
    static final int SERIES_OF_ONE_FEATURE_AND_MODEL = 8 + 3 + 2 * 2 + 2;
    private final EmfSink sink = new EmfSink("ClaudeFeatures", Clock.fixed(NOW, ZoneOffset.UTC), JSON, new StdoutLines());

    private static CallRecord record(String model, int input, StopReason stop, int attempts, String error) {
        return new CallRecord("summarise", model, "req_1", new TokenCounts(input, 200, 30, 10, 50), stop,
                Duration.ofMillis(840), attempts, false, new BigDecimal("0.00123"), BigDecimal.ZERO, error, false, "0123456789ab", null, 0, null);
    }

    /** The dimension sets of every metric of a call, as the alarms and the dashboard read them. */
    private static final Map<String, String> DECLARED = Map.ofEntries(
            Map.entry("InputTokens", "[[\"Feature\"]]"), Map.entry("CacheReadTokens", "[[\"Feature\"]]"),
            Map.entry("CacheWriteTokens", "[[\"Feature\"]]"), Map.entry("OutputTokens", "[[\"Feature\"]]"),
            Map.entry("Latency", "[[\"Feature\"]]"), Map.entry("Escalations", "[[\"Feature\"]]"),
            Map.entry("CacheIneffective", "[[\"Feature\"]]"), Map.entry("CacheNetSavingUSD", "[[\"Feature\"]]"),
            Map.entry("EstimatedCostUSD", "[[\"Feature\"],[\"Model\"],[]]"),
            Map.entry("Calls", "[[\"Feature\"],[]]"), Map.entry("MaxTokensStops", "[[\"Feature\"],[]]"),
            Map.entry("Errors", "[[]]"), Map.entry("Retries", "[[]]"));

    @Test
    void theProviderIsAPropertyOfTheDocumentAndNoDimension() throws Exception {
        EmfSink onBedrock = new EmfSink("ClaudeFeatures", Clock.fixed(NOW, ZoneOffset.UTC), JSON, new StdoutLines(),
                dev.claudefeatures.messages.Provider.BEDROCK);

        for (String line : onBedrock.lines(List.of(record("claude-sonnet-4-6", 100, StopReason.END_TURN, 1, null)))) {
            JsonNode document = JSON.readTree(line);
            assertThat(document.path("provider").asText()).isEqualTo("bedrock");
            assertThat(document.path("_aws").toString()).doesNotContain("provider");
        }
        assertThat(JSON.readTree(sink.lines(List.of(record("claude-sonnet-4-6", 100, StopReason.END_TURN, 1, null)))
                .get(0)).path("provider").asText()).isEqualTo("anthropic");
    }

    @Test
    void aLineIsValidEmbeddedMetricFormatAndDeclaresEachMetricUnderItsOwnSets() throws Exception {
        List<String> lines = sink.lines(List.of(record("claude-sonnet-4-6", 100, StopReason.MAX_TOKENS, 2, null)));

        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.get(0));
        JsonNode aws = line.path("_aws");
        assertThat(aws.path("Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
        Map<String, String> declared = new HashMap<>();
        for (JsonNode directive : aws.path("CloudWatchMetrics")) {
            assertThat(directive.path("Namespace").asText()).isEqualTo("ClaudeFeatures");
            // Every dimension named by the directive is a string member of the root.
            directive.path("Dimensions").forEach(set -> set.forEach(
                    name -> assertThat(line.path(name.asText()).isTextual()).as(name.asText()).isTrue()));
            // Every metric named by the directive is a numeric member of the root, with a valid unit.
            for (JsonNode metric : directive.path("Metrics")) {
                assertThat(line.path(metric.path("Name").asText()).isNumber()).as(metric.toString()).isTrue();
                assertThat(metric.path("Unit").asText()).isIn("Count", "Milliseconds", "None");
                assertThat(declared.put(metric.path("Name").asText(), directive.path("Dimensions").toString()))
                        .as("declared once: " + metric).isNull();
            }
        }
        assertThat(declared).isEqualTo(DECLARED);
        assertThat(aws.path("CloudWatchMetrics")).as("one directive per distinct list of sets").hasSize(4);
        assertThat(line.path("Feature").asText()).isEqualTo("summarise");
        assertThat(line.path("Model").asText()).isEqualTo("claude-sonnet-4-6");
    }

    @Test
    void theValuesAreThoseTheCloudWatchSinkSends() throws Exception {
        List<CallRecord> records = List.of(record("claude-sonnet-4-6", 100, StopReason.MAX_TOKENS, 2, null),
                record("claude-sonnet-4-6", 70, StopReason.END_TURN, 1, null));
        JsonNode line = JSON.readTree(sink.lines(records).get(0));

        List<MetricDatum> datums = CloudWatchSink.datums(records, NOW);
        assertThat(datums).hasSize(SERIES_OF_ONE_FEATURE_AND_MODEL);
        for (MetricDatum datum : datums) {
            List<Double> emf = new ArrayList<>();
            line.path(datum.metricName()).forEach(value -> emf.add(value.asDouble()));
            assertThat(emf).as(datum.metricName()).isEqualTo(datum.values());
        }
        assertThat(line.path("MaxTokensStops").toString()).isEqualTo("[1.0,0.0]");
        assertThat(line.path("Retries").toString()).isEqualTo("[1.0,0.0]");
        assertThat(line.path("CacheWriteTokens").toString()).isEqualTo("[40.0,40.0]");
    }

    @Test
    void eachFeatureAndModelGetsItsOwnLine() throws Exception {
        List<String> lines = sink.lines(List.of(record("claude-sonnet-4-6", 1, StopReason.END_TURN, 1, null),
                record("claude-opus-4-6", 1, null, 3, "overloaded_error")));

        assertThat(lines).hasSize(2);
        JsonNode opus = JSON.readTree(lines.get(1));
        assertThat(opus.path("Model").asText()).isEqualTo("claude-opus-4-6");
        assertThat(opus.path("Errors").asDouble()).isEqualTo(1.0);
        assertThat(opus.path("Retries").asDouble()).isEqualTo(2.0);
    }

    @Test
    void moreThanAHundredCallsSplitAcrossLines() {
        List<CallRecord> many = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            many.add(record("claude-sonnet-4-6", i, StopReason.END_TURN, 1, null));
        }
        assertThat(sink.lines(many)).hasSize(2);
    }

    @Test
    void cloudWatchDataPointsStayWithinThe150ValueLimit() {
        List<CallRecord> many = new ArrayList<>();
        for (int i = 0; i < 151; i++) {
            many.add(record("claude-sonnet-4-6", i, StopReason.END_TURN, 1, null));
        }
        List<MetricDatum> datums = CloudWatchSink.datums(many, NOW);

        assertThat(datums).allSatisfy(d -> assertThat(d.values()).hasSizeLessThanOrEqualTo(150));
        assertThat(datums).hasSize(SERIES_OF_ONE_FEATURE_AND_MODEL * 2);
    }
}
