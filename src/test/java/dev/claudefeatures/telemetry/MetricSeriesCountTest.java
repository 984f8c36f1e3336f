package dev.claudefeatures.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.StopReason;
import dev.claudefeatures.policy.FeaturesConfig;
import dev.claudefeatures.testing.FeatureDeployment;
import dev.claudefeatures.testing.TestConfig;

/**
 * Every distinct metric name and dimension values is a CloudWatch series billed by the month:
 * counted here from what both sinks actually emit when the configured features run on the models
 * they are configured with (escalation models included) and every kind of call happens, against the
 * budget, the formula and the figures that docs/OBSERVABILITY.md states. A feature added to the configuration
 * adds its series here and in those figures.
 */
class MetricSeriesCountTest {

    private static final List<String> FEATURES = FeatureDeployment.configuredFeatures();
    private static final List<String> MODELS = configuredModels();
    /** Every cache_miss_reason type the API documents. */
    private static final List<String> REASONS = List.of("model_changed", "system_changed", "tools_changed",
            "messages_changed", "previous_message_not_found", "unavailable");
    /** Features answered on a Function URL, which stream (their sample event's route is {@code $default}). */
    private static final List<String> STREAMED_FEATURES = FEATURES.stream().filter(MetricSeriesCountTest::streams)
            .toList();
    /** CloudWatch's price of one custom metric series per month, first 10,000 (us-east-1). */
    private static final BigDecimal PRICE_PER_SERIES = new BigDecimal("0.30");
    private static final BigDecimal BUDGET_PER_MONTH = new BigDecimal("25");
    private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");

    private static List<String> configuredModels() {
        Set<String> models = new java.util.TreeSet<>();
        TestConfig.with(java.util.Map.of(), FeaturesConfig.class).getConfigMapping(FeaturesConfig.class).features()
                .values().forEach(policy -> {
                    models.add(policy.model());
                    policy.escalation().ifPresent(escalation -> models.add(escalation.model()));
                });
        return List.copyOf(models);
    }

    private static boolean streams(String feature) {
        try {
            return "$default".equals(FeatureDeployment.routeKey(feature));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The documented formula: 11 per feature, 5 overall, 1 per model, 1 per reason, 1 per streamed feature. */
    private static int formula(int features, int models, int reasons, int streamedFeatures) {
        return 11 * features + 5 + models + reasons + streamedFeatures;
    }

    /** Every feature on every model, every miss reason, the streamed feature streaming; failures too. */
    private static List<CallRecord> everyKindOfCall() {
        List<CallRecord> records = new ArrayList<>();
        for (String feature : FEATURES) {
            for (String model : MODELS) {
                Duration firstToken = STREAMED_FEATURES.contains(feature) ? Duration.ofMillis(200) : null;
                records.add(new CallRecord(feature, model, "req", new TokenCounts(10, 20, 5, 0, 30),
                        StopReason.MAX_TOKENS, Duration.ofMillis(900), 2, true, new BigDecimal("0.001"), BigDecimal.ZERO, null, true,
                        "0123456789ab", null, 0, firstToken));
                records.add(new CallRecord(feature, model, null, TokenCounts.NONE, null, Duration.ofMillis(5), 3,
                        false, BigDecimal.ZERO, BigDecimal.ZERO, "overloaded_error", false, "0123456789ab", null, 0, null));
                for (String reason : REASONS) {
                    records.add(new CallRecord(feature, model, "req", new TokenCounts(4000, 0, 4000, 0, 30),
                            StopReason.END_TURN, Duration.ofMillis(900), 1, false, BigDecimal.ONE, BigDecimal.ZERO, null, false,
                            "0123456789ab", reason, 4000, null));
                }
            }
        }
        return records;
    }

    @Test
    void theConfiguredFeaturesAndModelsStayWithinTwentyFiveDollarsAMonth() throws IOException {
        Set<String> sent = new HashSet<>();
        CloudWatchSink.datums(everyKindOfCall(), NOW).forEach(datum -> {
            TreeMap<String, String> dimensions = new TreeMap<>();
            datum.dimensions().forEach(d -> dimensions.put(d.name(), d.value()));
            sent.add(datum.metricName() + dimensions);
        });
        Set<String> extracted = emfSeries(everyKindOfCall());

        int series = formula(FEATURES.size(), MODELS.size(), REASONS.size(), STREAMED_FEATURES.size());
        assertThat(sent).as("series the cloudwatch sink puts").hasSize(series);
        assertThat(extracted).as("series CloudWatch extracts from the EMF lines").isEqualTo(sent);
        BigDecimal monthly = PRICE_PER_SERIES.multiply(BigDecimal.valueOf(series));
        assertThat(monthly).as("%d series for %d features on %d models: past the budget of $%s a month; drop a"
                + " dimension set or raise the budget here and in docs/OBSERVABILITY.md", series, FEATURES.size(), MODELS.size(),
                BUDGET_PER_MONTH).isLessThanOrEqualTo(BUDGET_PER_MONTH);

        String readme = Files.readString(Path.of("docs", "OBSERVABILITY.md"));
        assertThat(readme).contains("11 × F + M + R + S + 5")
                .contains(FEATURES.size() + " features on " + MODELS.size() + " models")
                .contains(11 * FEATURES.size() + " + " + MODELS.size() + " + " + REASONS.size() + " + "
                        + STREAMED_FEATURES.size() + " + 5 = " + series + " series")
                .contains("$" + monthly.setScale(2) + " a month");
        assertThat(Files.readString(Path.of("docs", "PERFORMANCE.md"))).contains(series + " series, $" + monthly.setScale(2));
    }

    @Test
    void aFeatureAddsElevenSeriesAndAModelOne() {
        List<CallRecord> records = everyKindOfCall();
        int base = emfSeries(records).size();
        List<CallRecord> more = new ArrayList<>(records);
        more.add(new CallRecord("translate", "claude-sonnet-4-6", "req", TokenCounts.NONE, StopReason.END_TURN,
                Duration.ofMillis(1), 1, false, BigDecimal.ZERO, BigDecimal.ZERO, null, false, "0123456789ab", null, 0, null));
        assertThat(emfSeries(more)).hasSize(base + 11);
        more.add(new CallRecord("translate", "claude-haiku-4-5", "req", TokenCounts.NONE, StopReason.END_TURN,
                Duration.ofMillis(1), 1, false, BigDecimal.ZERO, BigDecimal.ZERO, null, false, "0123456789ab", null, 0, null));
        assertThat(emfSeries(more)).hasSize(base + 12);
    }

    /** The series CloudWatch would extract: each declared metric under each set, with the root's values. */
    private static Set<String> emfSeries(List<CallRecord> records) {
        EmfSink sink = new EmfSink("ClaudeFeatures", Clock.fixed(NOW, ZoneOffset.UTC), new ObjectMapper(),
                new StdoutLines());
        Set<String> series = new HashSet<>();
        for (String line : sink.lines(records)) {
            JsonNode document;
            try {
                document = new ObjectMapper().readTree(line);
            } catch (IOException e) {
                throw new AssertionError(line, e);
            }
            for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
                for (JsonNode set : directive.path("Dimensions")) {
                    TreeMap<String, String> dimensions = new TreeMap<>();
                    set.forEach(name -> dimensions.put(name.asText(), document.path(name.asText()).asText()));
                    directive.path("Metrics").forEach(metric -> series.add(metric.path("Name").asText() + dimensions));
                }
            }
        }
        return series;
    }
}
