package dev.claudefeatures.evaluate;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.claudefeatures.messages.ContentBlock;
import dev.claudefeatures.messages.MessageResponse;
import dev.claudefeatures.messages.Provider;
import dev.claudefeatures.policy.CacheMode;
import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.calls.RequestPlanner;
import dev.claudefeatures.policy.StructuredOutputMode;
import dev.claudefeatures.telemetry.CostCalculator;
import dev.claudefeatures.telemetry.TokenCounts;

/**
 * The answers of every model to every sample, compared: per model, the answers that fit the
 * schema, the agreement with the feature's current model field by field, the accuracy against
 * the expected answers, tokens, cost per 1,000 calls and latency; and, for a feature that
 * escalates, what each confidence threshold would escalate, reach and cost.
 */
final class Comparison {

    /**
     * One model's answer to one sample: its value (null when there is none), cost and latency.
     *
     * @param cost     as the samples ran (batch prices in a batch)
     * @param listCost as the same call costs in production: list prices, cache writes at the TTL the
     *                 feature's own requests ask for
     */
    record Answer(JsonNode value, boolean fits, TokenCounts tokens, BigDecimal cost, BigDecimal listCost,
            Duration latency) {
    }

    /** The figures of one model. */
    record ModelFigures(String model, int answered, int fitting, double agreement, Double accuracy,
            int withExpected, double inputTokens, double cacheReadTokens, double cacheWriteTokens, double outputTokens,
            BigDecimal costPerThousand, Duration latencyP50) {
    }

    /** One row of the threshold table. */
    record ThresholdRow(double threshold, double escalatedShare, double quality, BigDecimal costPerThousand,
            boolean cheapestGoodEnough) {
    }

    private final FeaturePolicy policy;
    private final List<String> models;
    private final List<Sample> samples;
    /** By model, then by sample line. */
    private final Map<String, Map<Integer, Answer>> answers = new LinkedHashMap<>();
    /** By model, why requests came back without an answer, and how often. */
    private final Map<String, Map<String, Integer>> failures = new LinkedHashMap<>();
    private final boolean batchPrices;
    private final Provider provider;
    private final ObjectMapper json;

    Comparison(FeaturePolicy policy, List<String> models, List<Sample> samples, Map<String, Map<Integer, Outcome>> outcomes,
            Map<String, FeaturePolicy> onModel, boolean batchPrices, ObjectMapper json) {
        this(policy, models, samples, outcomes, onModel, batchPrices, Provider.ANTHROPIC, json);
    }

    /** @param provider whose prices the answers cost ({@code anthropic.provider}) */
    Comparison(FeaturePolicy policy, List<String> models, List<Sample> samples, Map<String, Map<Integer, Outcome>> outcomes,
            Map<String, FeaturePolicy> onModel, boolean batchPrices, Provider provider, ObjectMapper json) {
        this.provider = provider;
        this.policy = policy;
        this.models = models;
        this.samples = samples;
        this.batchPrices = batchPrices;
        this.json = json;
        for (String model : models) {
            Map<Integer, Answer> byLine = new LinkedHashMap<>();
            FeaturePolicy modelPolicy = onModel.get(model);
            Map<String, Integer> why = new java.util.TreeMap<>();
            outcomes.get(model).forEach((line, outcome) -> {
                byLine.put(line, answer(modelPolicy, outcome));
                if (outcome == null || outcome.answer() == null) {
                    why.merge(outcome == null ? "no result" : outcome.error(), 1, Integer::sum);
                }
            });
            answers.put(model, byLine);
            failures.put(model, why);
        }
    }

    private Answer answer(FeaturePolicy modelPolicy, Outcome outcome) {
        if (outcome == null || outcome.answer() == null) {
            return new Answer(null, false, TokenCounts.NONE, BigDecimal.ZERO, BigDecimal.ZERO, null);
        }
        MessageResponse response = outcome.answer();
        TokenCounts tokens = TokenCounts.of(response.usage());
        String geo = response.usage() == null ? null : response.usage().inferenceGeo();
        BigDecimal asRun = CostCalculator.costUsd(tokens, modelPolicy.prices(provider), geo);
        BigDecimal cost = batchPrices ? asRun.divide(BigDecimal.valueOf(2)) : asRun;
        BigDecimal listCost = CostCalculator.costUsd(batchPrices ? asProductionWrites(tokens, modelPolicy) : tokens,
                modelPolicy.prices(provider), geo);
        JsonNode value = value(modelPolicy, response);
        boolean fits = value != null && modelPolicy.schema().map(schema -> schema.violations(value).isEmpty()).orElse(true);
        return new Answer(value, fits, tokens, cost, listCost, outcome.latency());
    }

    /**
     * A batch's requests carry 1h breakpoints (see {@code EvaluateCommand}); a feature whose own
     * breakpoints are all 5m pays the 5m write price for those tokens in production. (With both
     * TTLs configured the split cannot be known, and the 1h price stays: a little high, never low.)
     */
    private static TokenCounts asProductionWrites(TokenCounts tokens, FeaturePolicy modelPolicy) {
        if (modelPolicy.cache().inPrefixOrder().containsValue(CacheMode.ONE_HOUR)) {
            return tokens;
        }
        return new TokenCounts(tokens.input(), tokens.cacheRead(), tokens.cacheWrite5m() + tokens.cacheWrite1h(), 0,
                tokens.output());
    }

    /** The answer as the feature reads it: the tool's input or the JSON text; the text for a text feature. */
    private JsonNode value(FeaturePolicy modelPolicy, MessageResponse response) {
        if (modelPolicy.schema().isEmpty()) {
            return TextNode.valueOf(response.text());
        }
        if (StructuredOutputMode.of(modelPolicy.modelSpec()).usesTool()) {
            String tool = RequestPlanner.toolName(modelPolicy.feature());
            return response.blocks(ContentBlock.ToolUse.class).stream().filter(use -> tool.equals(use.name()))
                    .map(ContentBlock.ToolUse::input).findFirst().orElse(null);
        }
        try {
            return json.readTree(response.text());
        } catch (Exception notJson) {
            return null;
        }
    }

    List<ModelFigures> figures() {
        List<ModelFigures> figures = new ArrayList<>();
        Map<Integer, Answer> current = answers.get(models.get(0));
        for (String model : models) {
            Map<Integer, Answer> mine = answers.get(model);
            List<Answer> answered = mine.values().stream().filter(a -> a.value() != null).toList();
            List<Double> agreements = new ArrayList<>();
            List<Double> accuracies = new ArrayList<>();
            for (Sample sample : samples) {
                Answer answer = mine.get(sample.line());
                Answer reference = current.get(sample.line());
                if (answer != null && answer.value() != null && reference != null && reference.value() != null) {
                    agreements.add(agreement(reference.value(), answer.value()));
                }
                if (sample.expected() != null) {
                    accuracies.add(answer == null || answer.value() == null ? 0.0
                            : correct(sample.expected(), answer.value()) ? 1.0 : 0.0);
                }
            }
            List<Duration> latencies = answered.stream().map(Answer::latency).filter(l -> l != null).sorted().toList();
            figures.add(new ModelFigures(model, answered.size(), (int) answered.stream().filter(Answer::fits).count(),
                    mean(agreements), accuracies.isEmpty() ? null : mean(accuracies), accuracies.size(),
                    meanOf(answered, a -> a.tokens().input()), meanOf(answered, a -> a.tokens().cacheRead()),
                    meanOf(answered, a -> a.tokens().cacheWrite()), meanOf(answered, a -> a.tokens().output()),
                    perThousand(answered.stream().map(Answer::cost).reduce(BigDecimal.ZERO, BigDecimal::add),
                            answered.size()),
                    latencies.isEmpty() ? null : latencies.get((latencies.size() - 1) / 2)));
        }
        return figures;
    }

    /**
     * For a feature that escalates: at each threshold, the share of calls its current model's
     * confidence would send to the escalation model, the accuracy reached (or, without expected
     * answers, the agreement with the escalation model) and the cost per 1,000 calls; the cheapest
     * threshold within {@code tolerance} of the best model's figure is marked.
     */
    Optional<List<ThresholdRow>> thresholds(double tolerance) {
        if (policy.escalation().isEmpty() || policy.schema().isEmpty()) {
            return Optional.empty();
        }
        FeaturePolicy.Escalation escalation = policy.escalation().get();
        Map<Integer, Answer> base = answers.get(models.get(0));
        Map<Integer, Answer> stronger = answers.get(escalation.model());
        boolean byExpected = samples.stream().anyMatch(sample -> sample.expected() != null);
        List<Sample> scored = byExpected ? samples.stream().filter(s -> s.expected() != null).toList() : samples;
        double best = 0;
        for (String model : models) {
            best = Math.max(best, quality(scored, line -> answers.get(model).get(line), byExpected, stronger));
        }
        TreeSet<Double> levels = new TreeSet<>();
        for (int i = 0; i <= 20; i++) {
            levels.add(i / 20.0);
        }
        levels.add(escalation.belowConfidence());
        List<ThresholdRow> rows = new ArrayList<>();
        for (double threshold : levels) {
            Map<Integer, Boolean> escalated = new LinkedHashMap<>();
            for (Sample sample : samples) {
                Answer first = base.get(sample.line());
                JsonNode confidence = first == null || first.value() == null ? null
                        : first.value().path(escalation.confidenceField());
                escalated.put(sample.line(), confidence == null || !confidence.isNumber()
                        || confidence.asDouble() < threshold);
            }
            double quality = quality(scored, line -> escalated.get(line) ? stronger.get(line) : base.get(line),
                    byExpected, stronger);
            BigDecimal cost = BigDecimal.ZERO;
            for (Sample sample : samples) {
                cost = cost.add(costOf(base.get(sample.line())));
                if (escalated.get(sample.line())) {
                    cost = cost.add(costOf(stronger.get(sample.line())));
                }
            }
            rows.add(new ThresholdRow(threshold, escalated.values().stream().filter(e -> e).count()
                    / (double) samples.size(), quality, perThousand(cost, samples.size()), false));
        }
        double good = best - tolerance;
        rows.stream().filter(row -> row.quality() >= good - 1e-9).min((a, b) -> a.costPerThousand()
                .compareTo(b.costPerThousand()) != 0 ? a.costPerThousand().compareTo(b.costPerThousand())
                : Double.compare(a.threshold(), b.threshold())).ifPresent(cheapest -> rows.set(rows.indexOf(cheapest),
                        new ThresholdRow(cheapest.threshold(), cheapest.escalatedShare(), cheapest.quality(),
                                cheapest.costPerThousand(), true)));
        return Optional.of(rows);
    }

    /**
     * The cost of one API call on the feature's model at list prices, over the answered samples:
     * each first answer, plus, for a feature that escalates, the escalation the current threshold
     * makes, counted as a call of its own (production's rule: a confidence that is missing counts
     * as 0, see {@code StructuredAnswering}).
     */
    CostBaseline baseline() {
        Map<Integer, Answer> base = answers.get(models.get(0));
        Optional<FeaturePolicy.Escalation> escalation = policy.schema().isPresent() ? policy.escalation()
                : Optional.empty();
        BigDecimal total = BigDecimal.ZERO;
        int firstCalls = 0;
        int escalations = 0;
        for (Sample sample : samples) {
            Answer first = base.get(sample.line());
            if (first == null || first.value() == null) {
                continue;
            }
            firstCalls++;
            total = total.add(first.listCost());
            if (escalation.isPresent() && escalates(first, escalation.get())) {
                Answer stronger = answers.get(escalation.get().model()).get(sample.line());
                if (stronger != null && stronger.value() != null) {
                    escalations++;
                    total = total.add(stronger.listCost());
                }
            }
        }
        int calls = firstCalls + escalations;
        return new CostBaseline(policy.feature(), models.get(0), escalation, firstCalls, escalations,
                calls == 0 ? BigDecimal.ZERO : total.divide(BigDecimal.valueOf(calls), java.math.MathContext.DECIMAL64));
    }

    private static boolean escalates(Answer first, FeaturePolicy.Escalation escalation) {
        JsonNode confidence = first.value().path(escalation.confidenceField());
        return (confidence.isNumber() ? confidence.asDouble() : 0) < escalation.belowConfidence();
    }

    private double quality(List<Sample> scored, java.util.function.IntFunction<Answer> answerOf, boolean byExpected,
            Map<Integer, Answer> reference) {
        List<Double> scores = new ArrayList<>();
        for (Sample sample : scored) {
            Answer answer = answerOf.apply(sample.line());
            if (byExpected) {
                scores.add(answer == null || answer.value() == null ? 0.0
                        : correct(sample.expected(), answer.value()) ? 1.0 : 0.0);
            } else {
                Answer ref = reference.get(sample.line());
                scores.add(answer == null || answer.value() == null || ref == null || ref.value() == null ? 0.0
                        : agreement(ref.value(), answer.value()));
            }
        }
        return mean(scores);
    }

    /** Fields of {@code reference} that {@code other} gives the same value, the confidence field aside. */
    double agreement(JsonNode reference, JsonNode other) {
        if (!reference.isObject()) {
            return reference.equals(other) ? 1.0 : 0.0;
        }
        String confidence = policy.escalation().map(FeaturePolicy.Escalation::confidenceField).orElse(null);
        int fields = 0;
        int same = 0;
        for (Iterator<String> names = reference.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (name.equals(confidence)) {
                continue;
            }
            fields++;
            if (reference.get(name).equals(other.path(name))) {
                same++;
            }
        }
        return fields == 0 ? 1.0 : same / (double) fields;
    }

    /** Every field the expected answer gives has that value (text: the same text, trimmed). */
    static boolean correct(JsonNode expected, JsonNode value) {
        if (!expected.isObject()) {
            return expected.asText().strip().equals(value.asText().strip());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().equals(value.path(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static BigDecimal costOf(Answer answer) {
        return answer == null ? BigDecimal.ZERO : answer.cost();
    }

    private static BigDecimal perThousand(BigDecimal total, int calls) {
        return calls == 0 ? BigDecimal.ZERO
                : total.multiply(BigDecimal.valueOf(1000)).divide(BigDecimal.valueOf(calls), 4,
                        java.math.RoundingMode.HALF_UP);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static double meanOf(List<Answer> answers, java.util.function.ToIntFunction<Answer> figure) {
        return answers.stream().mapToInt(figure).average().orElse(0);
    }

    /** The tables, as the command prints them. */
    void print(PrintStream out, double tolerance) {
        boolean structured = policy.schema().isPresent();
        out.printf(Locale.ROOT, "%nfeature %s, %d samples, %s prices%n", policy.feature(), samples.size(),
                batchPrices ? "batch (50 % off)" : "list");
        out.printf(Locale.ROOT, "%-22s %9s %9s %10s %14s %8s %8s %8s %8s %13s %11s%n", "model", "answered",
                "fit", "agreement", "accuracy", "in tok", "read tok", "write tok", "out tok", "$ / 1,000", "p50 ms");
        for (ModelFigures figure : figures()) {
            out.printf(Locale.ROOT, "%-22s %9d %9s %9.1f%% %14s %8.0f %8.0f %8.0f %8.0f %13s %11s%n", figure.model(),
                    figure.answered(), structured ? figure.fitting() + "/" + figure.answered() : "-",
                    100 * figure.agreement(), figure.accuracy() == null ? "-" : String.format(Locale.ROOT,
                            "%.1f%% of %d", 100 * figure.accuracy(), figure.withExpected()), figure.inputTokens(),
                    figure.cacheReadTokens(), figure.cacheWriteTokens(), figure.outputTokens(),
                    figure.costPerThousand().setScale(4, java.math.RoundingMode.HALF_UP).toPlainString(),
                    figure.latencyP50() == null ? "-" : Long.toString(figure.latencyP50().toMillis()));
        }
        failures.forEach((model, why) -> {
            if (!why.isEmpty()) {
                out.printf(Locale.ROOT, "%s: %d without an answer: %s%n", model,
                        why.values().stream().mapToInt(Integer::intValue).sum(), why);
            }
        });
        thresholds(tolerance).ifPresent(rows -> {
            FeaturePolicy.Escalation escalation = policy.escalation().get();
            boolean byExpected = samples.stream().anyMatch(sample -> sample.expected() != null);
            out.printf(Locale.ROOT, "%nescalation from %s to %s when %s is below the threshold (now %.2f)%n",
                    models.get(0), escalation.model(), escalation.confidenceField(), escalation.belowConfidence());
            out.printf(Locale.ROOT, "%-10s %10s %12s %13s%n", "threshold", "escalated",
                    byExpected ? "accuracy" : "agreement", "$ / 1,000");
            for (ThresholdRow row : rows) {
                out.printf(Locale.ROOT, "%-10.2f %9.1f%% %11.1f%% %13s%s%n", row.threshold(),
                        100 * row.escalatedShare(), 100 * row.quality(),
                        row.costPerThousand().setScale(4, java.math.RoundingMode.HALF_UP).toPlainString(),
                        row.cheapestGoodEnough() ? "   <- cheapest within " + Math.round(tolerance * 100)
                                + " points of the best model" : "");
            }
            rows.stream().filter(ThresholdRow::cheapestGoodEnough).findFirst().ifPresent(row -> out.printf(Locale.ROOT,
                    "set features.%s.escalation.below-confidence=%.2f%n", policy.feature(), row.threshold()));
        });
    }

    static List<String> split(String models) {
        return models == null || models.isBlank() ? List.of()
                : Arrays.stream(models.split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
    }
}
