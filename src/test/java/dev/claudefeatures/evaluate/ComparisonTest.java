package dev.claudefeatures.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.MessageResponse;
import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.policy.FeaturesConfig;
import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.policy.Policies;
import dev.claudefeatures.telemetry.TelemetryConfig;
import dev.claudefeatures.testing.TestConfig;

/**
 * The comparison's arithmetic on answers made up to show it: classify-ticket, four tickets with
 * expected categories, Sonnet right on two (confidence 0.9 and 0.6) and wrong on two (0.5 and 0.3),
 * Opus right on all four; 100 input and 10 output tokens a call at list prices ($0.45 and $0.75 per
 * 1,000 calls).
 */
class ComparisonTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String SONNET = "claude-sonnet-4-6";
    private static final String OPUS = "claude-opus-4-6";

    private final Comparison comparison = comparison(false);

    private static MessageResponse classified(String category, double confidence) throws Exception {
        return JSON.readValue("""
                {"id":"msg_1","type":"message","role":"assistant","model":"m","stop_reason":"tool_use",
                 "content":[{"type":"tool_use","id":"toolu_1","name":"record_classify-ticket",
                             "input":{"category":"%s","confidence":%s}}],
                 "usage":{"input_tokens":100,"output_tokens":10}}""".formatted(category, confidence),
                MessageResponse.class);
    }

    private static Policies policies() {
        var config = TestConfig.with(Map.of(), FeaturesConfig.class, ModelCatalog.class, AnthropicConfig.class,
                TelemetryConfig.class);
        return new Policies(config.getConfigMapping(FeaturesConfig.class), config.getConfigMapping(ModelCatalog.class),
                config.getConfigMapping(AnthropicConfig.class), config.getConfigMapping(TelemetryConfig.class), JSON);
    }

    /** @param batch whether the answers came from a batch, at half the list prices */
    private static Comparison comparison(boolean batch) {
        try {
            var config = TestConfig.with(Map.of(), ModelCatalog.class);
            ModelCatalog catalog = config.getConfigMapping(ModelCatalog.class);
            FeaturePolicy policy = policies().of("classify-ticket");
            List<Sample> samples = List.of(
                    new Sample(1, JSON.readTree("{\"input\":\"Charged twice.\"}"), JSON.readTree("{\"category\":\"billing\"}")),
                    new Sample(2, JSON.readTree("{\"input\":\"Cannot log in.\"}"), JSON.readTree("{\"category\":\"account\"}")),
                    new Sample(3, JSON.readTree("{\"input\":\"App crashes.\"}"), JSON.readTree("{\"category\":\"technical\"}")),
                    new Sample(4, JSON.readTree("{\"input\":\"Parcel lost.\"}"), JSON.readTree("{\"category\":\"shipping\"}")));
            Map<Integer, Outcome> sonnet = new LinkedHashMap<>();
            sonnet.put(1, Outcome.answered(classified("billing", 0.9), Duration.ofMillis(400)));
            sonnet.put(2, Outcome.answered(classified("technical", 0.5), Duration.ofMillis(500)));
            sonnet.put(3, Outcome.answered(classified("technical", 0.6), Duration.ofMillis(600)));
            sonnet.put(4, Outcome.answered(classified("other", 0.3), Duration.ofMillis(700)));
            Map<Integer, Outcome> opus = new LinkedHashMap<>();
            opus.put(1, Outcome.answered(classified("billing", 0.95), Duration.ofMillis(900)));
            opus.put(2, Outcome.answered(classified("account", 0.9), Duration.ofMillis(900)));
            opus.put(3, Outcome.answered(classified("technical", 0.9), Duration.ofMillis(900)));
            opus.put(4, Outcome.answered(classified("shipping", 0.9), Duration.ofMillis(900)));
            Map<String, Map<Integer, Outcome>> outcomes = new LinkedHashMap<>();
            outcomes.put(SONNET, sonnet);
            outcomes.put(OPUS, opus);
            return new Comparison(policy, List.of(SONNET, OPUS), samples, outcomes,
                    Map.of(SONNET, policy, OPUS, policy.onModel(OPUS, catalog.models().get(OPUS))), batch, JSON);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void eachModelsFitAgreementAccuracyTokensCostAndLatency() {
        List<Comparison.ModelFigures> figures = comparison.figures();

        Comparison.ModelFigures sonnet = figures.get(0);
        assertThat(sonnet.model()).isEqualTo(SONNET);
        assertThat(sonnet.fitting()).isEqualTo(4);
        assertThat(sonnet.agreement()).isEqualTo(1.0);
        assertThat(sonnet.accuracy()).isEqualTo(0.5);
        assertThat(sonnet.costPerThousand()).isEqualByComparingTo("0.45");
        assertThat(sonnet.latencyP50()).isEqualTo(Duration.ofMillis(500));
        Comparison.ModelFigures opus = figures.get(1);
        assertThat(opus.agreement()).as("the same category as Sonnet on two of four").isEqualTo(0.5);
        assertThat(opus.accuracy()).isEqualTo(1.0);
        assertThat(opus.inputTokens()).isEqualTo(100.0);
        assertThat(opus.outputTokens()).isEqualTo(10.0);
        assertThat(opus.costPerThousand()).isEqualByComparingTo("0.75");
    }

    @Test
    void eachThresholdEscalatesTheLessConfidentAndTheCheapestThatReachesTheBestModelIsMarked() {
        Map<Double, Comparison.ThresholdRow> rows = new LinkedHashMap<>();
        comparison.thresholds(0.02).orElseThrow().forEach(row -> rows.put(row.threshold(), row));

        assertThat(rows.get(0.0).escalatedShare()).isZero();
        assertThat(rows.get(0.0).quality()).isEqualTo(0.5);
        assertThat(rows.get(0.0).costPerThousand()).isEqualByComparingTo("0.45");
        assertThat(rows.get(0.35).escalatedShare()).as("0.3 is below 0.35").isEqualTo(0.25);
        assertThat(rows.get(0.35).quality()).isEqualTo(0.75);
        assertThat(rows.get(0.55).escalatedShare()).isEqualTo(0.5);
        assertThat(rows.get(0.55).quality()).isEqualTo(1.0);
        assertThat(rows.get(0.55).costPerThousand()).isEqualByComparingTo(new BigDecimal("0.825"));
        assertThat(rows.get(0.7).escalatedShare()).as("the configured threshold is a row too").isEqualTo(0.75);
        assertThat(rows.get(0.7).costPerThousand()).isEqualByComparingTo(new BigDecimal("1.0125"));
        assertThat(rows.get(1.0).escalatedShare()).isEqualTo(1.0);
        assertThat(rows.values()).filteredOn(Comparison.ThresholdRow::cheapestGoodEnough)
                .extracting(Comparison.ThresholdRow::threshold).containsExactly(0.55);
    }

    @Test
    void theTableSaysWhatToConfigure() {
        var printed = new java.io.ByteArrayOutputStream();
        comparison.print(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8), 0.02);

        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("feature classify-ticket, 4 samples, list prices")
                .contains("50.0% of 4").contains("100.0% of 4")
                .containsPattern("0\\.55 +50\\.0% +100\\.0% +0\\.8250   <- cheapest within 2 points of the best model")
                .contains("set features.classify-ticket.escalation.below-confidence=0.55");
    }

    @Test
    void theBaselineOfAnEscalatingFeatureIsPerApiCallWithTheEscalationsOfTheCurrentThresholdAtListPrices() {
        // At 0.70, three of Sonnet's four answers (0.5, 0.6, 0.3) go on to Opus: 4 x $0.00045 + 3 x $0.00075
        // = $0.00405 over 7 API calls, as the alarm divides the feature's cost by its Calls.
        for (boolean batch : List.of(false, true)) {
            CostBaseline baseline = comparison(batch).baseline();

            assertThat(baseline.firstCalls()).isEqualTo(4);
            assertThat(baseline.escalations()).isEqualTo(3);
            assertThat(baseline.usdPerCall()).as("batch " + batch).isEqualByComparingTo(
                    new BigDecimal("0.00405").divide(BigDecimal.valueOf(7), java.math.MathContext.DECIMAL64));
            assertThat(baseline.parameter()).isEqualTo("ClassifyTicketCostPerCallBaselineUSD=0.000579");
        }
        assertThat(comparison(true).figures().get(0).costPerThousand()).as("the table at batch prices")
                .isEqualByComparingTo("0.225");
    }

    @Test
    void aBatchIsHalfPriceInTheTableButTheBaselineIsTheListPriceWithTheFeaturesOwnCacheWrites() throws Exception {
        // support-reply caches its playbook for 5 minutes; in the batch its breakpoint was 1h. Sonnet 4.6:
        // $3 input, $3.75 5m write, $6 1h write, $0.30 read, $15 output per million tokens.
        FeaturePolicy policy = policies().of("support-reply");
        Map<Integer, Outcome> answers = new LinkedHashMap<>();
        answers.put(1, Outcome.answered(replied("""
                {"input_tokens":1000,"cache_creation_input_tokens":2000,
                 "cache_creation":{"ephemeral_5m_input_tokens":0,"ephemeral_1h_input_tokens":2000},
                 "cache_read_input_tokens":0,"output_tokens":100}"""), null));
        answers.put(2, Outcome.answered(replied("""
                {"input_tokens":1000,"cache_creation_input_tokens":0,"cache_read_input_tokens":2000,"output_tokens":100}"""),
                null));
        Comparison batch = new Comparison(policy, List.of(SONNET), List.of(
                new Sample(1, JSON.readTree("{\"input\":\"Where is my parcel?\"}"), null),
                new Sample(2, JSON.readTree("{\"input\":\"I was charged twice.\"}"), null)),
                Map.of(SONNET, answers), Map.of(SONNET, policy), true, JSON);

        // As run: $0.0165 (1h write) and $0.0051 (read), halved: $5.40 per 1,000 calls.
        assertThat(batch.figures().get(0).costPerThousand()).isEqualByComparingTo("5.40");
        // In production: $0.0120 (the same write at the 5m price) and $0.0051, at list prices: not 2 x the table.
        CostBaseline baseline = batch.baseline();
        assertThat(baseline.usdPerCall()).isEqualByComparingTo("0.00855");
        assertThat(baseline.escalation()).isEmpty();
        assertThat(baseline.parameter()).isEqualTo("SupportReplyCostPerCallBaselineUSD=0.008550");
    }

    private static MessageResponse replied(String usage) throws Exception {
        return JSON.readValue("""
                {"id":"msg_1","type":"message","role":"assistant","model":"m","stop_reason":"end_turn",
                 "content":[{"type":"text","text":"We are on it."}],"usage":%s}""".formatted(usage), MessageResponse.class);
    }
}
