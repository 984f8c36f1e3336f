package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.evaluate.CacheAdviceCommand;
import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.messages.Usage;
import dev.claudefeatures.policy.CacheMode;
import dev.claudefeatures.policy.CachePolicy;
import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.calls.RequestPlanner;
import dev.claudefeatures.telemetry.CallRecord;
import dev.claudefeatures.telemetry.MetricName;
import dev.claudefeatures.telemetry.TokenCounts;
import dev.claudefeatures.testing.SamTemplate;
import dev.claudefeatures.testing.TestConfig;
import dev.claudefeatures.testing.UsageLines;

/**
 * Does caching pay, on a simulated clock: the support playbook (about 4,000 tokens) cached as
 * configured, each request planned as the application plans it and answered by the simulator's
 * API and prompt cache, every call's record priced as in production. On sparse traffic a 5m entry
 * expires between calls: the net saving is negative, the cache-loss alarm's condition holds as
 * CloudWatch would evaluate it on the template's own window, and the advice, run on the usage
 * lines, says 1h; dense traffic keeps 5m; traffic too sparse even for 1h is advised to cache
 * nothing. {@code ./mvnw -B test -Dtest=CacheSavingScenarioTest} prints the advice README quotes.
 */
class CacheSavingScenarioTest {

    static final String MODEL = "claude-sonnet-4-6";
    static final String FEATURE = "support-reply";
    static final int SYSTEM_TOKENS = 4_000;
    /** A day, aligned as CloudWatch aligns periods of a day. */
    static final Instant START = Instant.parse("2026-12-07T00:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelCatalog CATALOG = TestConfig.with(Map.of(), ModelCatalog.class)
            .getConfigMapping(ModelCatalog.class);

    @TempDir
    Path dir;

    /** The calls of a run, each with the time its usage line reached CloudWatch Logs. */
    record Traffic(List<CallRecord> records, List<Instant> times) {

        BigDecimal netSaving() {
            return records.stream().map(CallRecord::cacheSavingUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** {@code calls} requests, one every {@code every}, with the playbook cached as {@code cache} says. */
    static Traffic traffic(CacheMode cache, Duration every, int calls) throws Exception {
        AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
        SimulatedApi api = new SimulatedApi(CATALOG, new PromptCache(nanos::get), JSON);
        FeaturePolicy policy = new FeaturePolicy(FEATURE, MODEL, CATALOG.models().get(MODEL), 300,
                "Playbook. ".repeat(SYSTEM_TOKENS * 4 / 10), CachePolicy.systemOnly(cache), OptionalDouble.empty(),
                100_000);
        Map<String, String> headers = new HashMap<>(Map.of("x-api-key", "k", "anthropic-version", "2026-10-21"));
        List<CallRecord> records = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            MessageRequest request = RequestPlanner.plan(policy, List.of(Message.user(
                    "Ticket " + i + ": my order arrived damaged, the box was crushed."))).build();
            SimulatedResponse response = api.handle("POST", "/v1/messages", headers::get,
                    JSON.writeValueAsBytes(request));
            assertThat(response.status()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body().getBytes(StandardCharsets.UTF_8));
            TokenCounts tokens = TokenCounts.of(JSON.treeToValue(body.path("usage"), Usage.class));
            records.add(UsageLines.record(FEATURE, MODEL, tokens, policy.prices(dev.claudefeatures.messages.Provider.ANTHROPIC), "3f9a0c1d2e4b"));
            times.add(START.plus(every.multipliedBy(i)));
            nanos.addAndGet(every.toNanos());
        }
        return new Traffic(records, times);
    }

    /**
     * The datapoints of {@code SupportReplyCacheLossAlarm} as CloudWatch computes them: its
     * statistic of {@code CacheNetSavingUSD}, each record's value as both sinks emit it, per
     * period of the template's window (by default a day), keyed by the period's start.
     */
    static TreeMap<Instant, Double> alarmDatapoints(Traffic traffic) throws Exception {
        SamTemplate template = SamTemplate.read(Map.of());
        JsonNode alarm = template.resources().path("SupportReplyCacheLossAlarm").path("Properties");
        assertThat(alarm.path("MetricName").asText()).isEqualTo(MetricName.CACHE_NET_SAVING_USD.wireName());
        assertThat(alarm.path("Statistic").asText()).isEqualTo("Sum");
        long period = Long.parseLong(template.resolve(alarm.path("Period")));
        TreeMap<Instant, Double> sums = new TreeMap<>();
        for (int i = 0; i < traffic.records().size(); i++) {
            long start = traffic.times().get(i).getEpochSecond() / period * period;
            sums.merge(Instant.ofEpochSecond(start), MetricName.CACHE_NET_SAVING_USD.valueOf(traffic.records().get(i)),
                    Double::sum);
        }
        return sums;
    }

    /** Whether the alarm's condition holds on a datapoint: {@code LessThanThreshold} its threshold. */
    static boolean breaches(double datapoint) throws Exception {
        JsonNode alarm = SamTemplate.read(Map.of()).resources().path("SupportReplyCacheLossAlarm").path("Properties");
        assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("LessThanThreshold");
        return datapoint < alarm.path("Threshold").asDouble();
    }

    /** The advice command's output on the traffic's usage lines, as filter-log-events returns them. */
    String advice(Traffic traffic, String name) throws Exception {
        ObjectNode output = JSON.createObjectNode();
        for (int i = 0; i < traffic.records().size(); i++) {
            output.withArray("events").add(UsageLines.event(traffic.records().get(i), traffic.times().get(i)));
        }
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, output.toPrettyString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new CacheAdviceCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(Map.of("events", file.toString()), Map.of());
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).as("nothing skipped").doesNotContain("Skipped");
        String printed = out.toString(StandardCharsets.UTF_8);
        System.out.printf("%n%s:%n%s", name, printed);
        return printed;
    }

    @Test
    void aCallEverySevenMinutesOnAFiveMinuteCacheLosesMoneyFiresTheAlarmAndIsAdvisedAnHour() throws Exception {
        Traffic sparse = traffic(CacheMode.FIVE_MINUTES, Duration.ofMinutes(7), 24 * 60 / 7);

        // every call finds the entry expired and writes the playbook again; none reads it
        assertThat(sparse.records()).allSatisfy(record -> {
            assertThat(record.tokens().cacheRead()).isZero();
            assertThat(record.tokens().cacheWrite5m()).isGreaterThan(SYSTEM_TOKENS - 100);
        });
        assertThat(sparse.netSaving()).isNegative();
        TreeMap<Instant, Double> datapoints = alarmDatapoints(sparse);
        assertThat(datapoints).as("one day, one datapoint").hasSize(1);
        assertThat(datapoints.firstEntry().getValue()).isCloseTo(sparse.netSaving().doubleValue(),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(breaches(datapoints.lastEntry().getValue())).as("the cache-loss alarm fires").isTrue();
        assertThat(advice(sparse, "every-7-minutes-on-5m"))
                .containsPattern("1h +1 +204 +[0-9.]+   <- cheapest")
                .contains("set features.support-reply.cache.system=1h");

        // as advised: the same traffic on an hour-long entry saves money and the alarm stays quiet
        Traffic advised = traffic(CacheMode.ONE_HOUR, Duration.ofMinutes(7), 24 * 60 / 7);
        assertThat(advised.netSaving()).isPositive();
        assertThat(breaches(alarmDatapoints(advised).lastEntry().getValue())).isFalse();
    }

    @Test
    void aCallAMinuteKeepsTheFiveMinuteCache() throws Exception {
        Traffic dense = traffic(CacheMode.FIVE_MINUTES, Duration.ofMinutes(1), 120);

        assertThat(dense.records().stream().filter(record -> record.tokens().cacheWrite() > 0)).hasSize(1);
        assertThat(dense.netSaving()).isPositive();
        assertThat(breaches(alarmDatapoints(dense).lastEntry().getValue())).isFalse();
        assertThat(advice(dense, "every-minute-on-5m"))
                .containsPattern("5m +1 +119 +[0-9.]+   <- cheapest")
                .contains("set features.support-reply.cache.system=5m");
    }

    @Test
    void aCallEveryTwoHoursIsAdvisedNotToCache() throws Exception {
        Traffic rare = traffic(CacheMode.FIVE_MINUTES, Duration.ofHours(2), 12);

        assertThat(rare.netSaving()).isNegative();
        assertThat(breaches(alarmDatapoints(rare).lastEntry().getValue())).isTrue();
        assertThat(advice(rare, "every-2-hours-on-5m"))
                .containsPattern("none +0 +0 +[0-9.]+   <- cheapest")
                .contains("set features.support-reply.cache.system=none");
    }
}
