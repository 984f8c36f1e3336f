package dev.claudefeatures.telemetry;

import static dev.claudefeatures.telemetry.Dimension.OVERALL;
import static dev.claudefeatures.telemetry.Dimension.PER_FEATURE;
import static dev.claudefeatures.telemetry.Dimension.PER_FEATURE_AND_OVERALL;
import static dev.claudefeatures.telemetry.Dimension.PER_FEATURE_PER_MODEL_AND_OVERALL;
import static dev.claudefeatures.telemetry.Dimension.PER_REASON;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * The metrics of a call: each with its unit, the calls it is emitted for, the dimension sets it
 * is emitted under (only those an alarm or the dashboard reads) and how its value is read off a
 * record.
 */
public enum MetricName {
    INPUT_TOKENS("InputTokens", Unit.COUNT, Scope.EVERY_CALL, PER_FEATURE, r -> r.tokens().input()),
    CACHE_READ_TOKENS("CacheReadTokens", Unit.COUNT, Scope.EVERY_CALL, PER_FEATURE, r -> r.tokens().cacheRead()),
    CACHE_WRITE_TOKENS("CacheWriteTokens", Unit.COUNT, Scope.EVERY_CALL, PER_FEATURE, r -> r.tokens().cacheWrite()),
    OUTPUT_TOKENS("OutputTokens", Unit.COUNT, Scope.EVERY_CALL, PER_FEATURE, r -> r.tokens().output()),
    ESTIMATED_COST_USD("EstimatedCostUSD", Unit.NONE, Scope.EVERY_CALL, PER_FEATURE_PER_MODEL_AND_OVERALL,
            r -> r.costUsd().doubleValue()),
    /** What caching saved, negative when it cost more than it saved: the cache-loss alarm sums it per feature. */
    CACHE_NET_SAVING_USD("CacheNetSavingUSD", Unit.NONE, Scope.EVERY_CALL, PER_FEATURE,
            r -> r.cacheSavingUsd().doubleValue()),
    LATENCY("Latency", Unit.MILLISECONDS, Scope.EVERY_CALL, PER_FEATURE, r -> r.latency().toNanos() / 1_000_000.0),
    CALLS("Calls", Unit.COUNT, Scope.EVERY_CALL, PER_FEATURE_AND_OVERALL, r -> 1),
    ERRORS("Errors", Unit.COUNT, Scope.EVERY_CALL, OVERALL, r -> r.failed() ? 1 : 0),
    MAX_TOKENS_STOPS("MaxTokensStops", Unit.COUNT, Scope.EVERY_CALL, PER_FEATURE_AND_OVERALL,
            r -> r.stoppedAtMaxTokens() ? 1 : 0),
    RETRIES("Retries", Unit.COUNT, Scope.EVERY_CALL, OVERALL, CallRecord::retries),
    ESCALATIONS("Escalations", Unit.COUNT, Scope.EVERY_CALL, PER_FEATURE, r -> r.escalation() ? 1 : 0),
    CACHE_INEFFECTIVE("CacheIneffective", Unit.COUNT, Scope.EVERY_CALL, PER_FEATURE,
            r -> r.cacheIneffective() ? 1 : 0),
    CACHE_MISSED_INPUT_TOKENS("CacheMissedInputTokens", Unit.COUNT, Scope.CACHE_MISSED, PER_REASON,
            CallRecord::cacheMissedInputTokens),
    TIME_TO_FIRST_TOKEN("TimeToFirstToken", Unit.MILLISECONDS, Scope.STREAMED, PER_FEATURE,
            r -> r.timeToFirstToken().toNanos() / 1_000_000.0);

    /** The calls a metric is emitted for. */
    public enum Scope {
        EVERY_CALL(record -> true),
        /** Calls whose answer said why the cache prefix was missed. */
        CACHE_MISSED(record -> record.cacheMissReason() != null),
        /** Streamed calls that sent text: no other call adds a zero to the percentiles. */
        STREAMED(record -> record.timeToFirstToken() != null);

        private final Predicate<CallRecord> includes;

        Scope(Predicate<CallRecord> includes) {
            this.includes = includes;
        }

        public boolean includes(CallRecord record) {
            return includes.test(record);
        }

        /** The metrics of this scope, in declaration order. */
        public List<MetricName> metrics() {
            return java.util.Arrays.stream(MetricName.values()).filter(metric -> metric.scope == this).toList();
        }

        /** Every dimension some metric of this scope is emitted under. */
        public Set<Dimension> dimensions() {
            Set<Dimension> used = new LinkedHashSet<>();
            metrics().forEach(metric -> metric.dimensionSets().forEach(used::addAll));
            return used;
        }
    }

    /** CloudWatch units, with their wire names. */
    public enum Unit {
        COUNT("Count"),
        MILLISECONDS("Milliseconds"),
        NONE("None");

        private final String wireName;

        Unit(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final String wireName;
    private final Unit unit;
    private final Scope scope;
    private final List<List<Dimension>> dimensionSets;
    private final ToDoubleFunction<CallRecord> value;

    MetricName(String wireName, Unit unit, Scope scope, List<List<Dimension>> dimensionSets,
            ToDoubleFunction<CallRecord> value) {
        this.wireName = wireName;
        this.unit = unit;
        this.scope = scope;
        this.dimensionSets = dimensionSets;
        this.value = value;
    }

    public String wireName() {
        return wireName;
    }

    public Unit unit() {
        return unit;
    }

    public Scope scope() {
        return scope;
    }

    public List<List<Dimension>> dimensionSets() {
        return dimensionSets;
    }

    public double valueOf(CallRecord record) {
        return value.applyAsDouble(record);
    }
}
