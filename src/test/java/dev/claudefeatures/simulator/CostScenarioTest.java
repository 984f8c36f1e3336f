package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.messages.Usage;
import dev.claudefeatures.policy.CacheMode;
import dev.claudefeatures.policy.CachePolicy;
import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.calls.RequestPlanner;
import dev.claudefeatures.telemetry.CostCalculator;
import dev.claudefeatures.telemetry.TokenCounts;
import dev.claudefeatures.telemetry.TokenPrices;
import dev.claudefeatures.testing.TestConfig;

/**
 * The guide's cost scenario, on a simulated clock: a 4,000-token system prompt, 200 requests a
 * minute for 30 minutes, each request planned as the application plans it and answered by the
 * simulator's API and prompt cache; caching off, then on. It prints the table docs/FEATURES.md quotes and
 * holds the saving to at least 95% of the most this workload can save.
 * {@code ./mvnw -B test -Dtest=CostScenarioTest}.
 */
class CostScenarioTest {

    static final int REQUESTS_PER_MINUTE = 200;
    static final int MINUTES = 30;
    static final int SYSTEM_TOKENS = 4_000;
    static final String MODEL = "claude-sonnet-4-6";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelCatalog CATALOG = TestConfig.with(Map.of(), ModelCatalog.class)
            .getConfigMapping(ModelCatalog.class);

    /** What one run of the scenario cost. */
    record Totals(long uncached, long cacheRead, long cacheWrite, long output, BigDecimal costUsd) {
    }

    private static TokenPrices prices() {
        ModelCatalog.Prices p = CATALOG.models().get(MODEL).prices();
        return new TokenPrices(p.input(), p.cacheWrite5m(), p.cacheWrite1h(), p.cacheRead(), p.output(), p.inferenceGeo());
    }

    static Totals run(CacheMode cache) throws Exception {
        AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
        SimulatedApi api = new SimulatedApi(CATALOG, new PromptCache(nanos::get), JSON);
        FeaturePolicy policy = new FeaturePolicy("support-reply", MODEL, CATALOG.models().get(MODEL), 300,
                "Playbook. ".repeat(SYSTEM_TOKENS * 4 / 10), CachePolicy.systemOnly(cache), OptionalDouble.empty(), 100_000);
        Map<String, String> headers = new HashMap<>(Map.of("x-api-key", "k", "anthropic-version", "2026-10-21"));
        long uncached = 0;
        long read = 0;
        long written = 0;
        long output = 0;
        BigDecimal cost = BigDecimal.ZERO;
        long step = Duration.ofMinutes(1).toNanos() / REQUESTS_PER_MINUTE;
        for (int i = 0; i < REQUESTS_PER_MINUTE * MINUTES; i++) {
            MessageRequest request = RequestPlanner.plan(policy, List.of(Message.user(
                    "Ticket " + i + ": my order arrived damaged, the box was crushed and two cups are broken."))).build();
            SimulatedResponse response = api.handle("POST", "/v1/messages", headers::get,
                    JSON.writeValueAsBytes(request));
            assertThat(response.status()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body().getBytes(StandardCharsets.UTF_8));
            TokenCounts tokens = TokenCounts.of(JSON.treeToValue(body.path("usage"), Usage.class));
            uncached += tokens.input();
            read += tokens.cacheRead();
            written += tokens.cacheWrite();
            output += tokens.output();
            cost = cost.add(CostCalculator.costUsd(tokens, prices(), null));
            nanos.addAndGet(step);
        }
        return new Totals(uncached, read, written, output, cost);
    }

    @Test
    void cachingTheSystemPromptSavesAtLeast95PercentOfWhatThisWorkloadCanSave() throws Exception {
        Totals off = run(CacheMode.NONE);
        Totals on = run(CacheMode.FIVE_MINUTES);
        TokenPrices prices = prices();

        // The most caching can save: the prefix written once, then read by every other request.
        long requests = (long) REQUESTS_PER_MINUTE * MINUTES;
        long prefix = on.cacheWrite();
        BigDecimal ideal = CostCalculator.costUsd(new TokenCounts((int) (off.uncached() - requests * prefix), 0, 0, 0,
                (int) off.output()), prices, null)
                .add(CostCalculator.costUsd(new TokenCounts(0, (int) ((requests - 1) * prefix), (int) prefix, 0, 0),
                        prices, null));
        BigDecimal maxSaving = off.costUsd().subtract(ideal);
        BigDecimal saving = off.costUsd().subtract(on.costUsd());
        BigDecimal share = saving.divide(maxSaving, 4, RoundingMode.HALF_UP);

        System.out.printf("%nCost scenario: %s, a %,d-token system prompt, %d requests a minute for %d minutes "
                + "(%,d requests)%n", MODEL, SYSTEM_TOKENS, REQUESTS_PER_MINUTE, MINUTES, requests);
        System.out.printf("| caching | uncached input | cache reads | cache writes | output | cost (USD) |%n");
        System.out.printf("|---|---|---|---|---|---|%n");
        System.out.printf("| off | %,d | %,d | %,d | %,d | %s |%n", off.uncached(), off.cacheRead(), off.cacheWrite(),
                off.output(), off.costUsd().setScale(2, RoundingMode.HALF_UP));
        System.out.printf("| system prompt, 5m | %,d | %,d | %,d | %,d | %s |%n", on.uncached(), on.cacheRead(),
                on.cacheWrite(), on.output(), on.costUsd().setScale(2, RoundingMode.HALF_UP));
        System.out.printf("Saving: %s USD, %.1f%% of the cost; %.1f%% of the most this workload can save (%s USD)%n",
                saving.setScale(2, RoundingMode.HALF_UP),
                saving.multiply(BigDecimal.valueOf(100)).divide(off.costUsd(), 1, RoundingMode.HALF_UP).doubleValue(),
                share.doubleValue() * 100, maxSaving.setScale(2, RoundingMode.HALF_UP));

        assertThat(off.cacheRead()).isZero();
        assertThat(on.cacheWrite()).as("the prefix is written once: 200 a minute keep a 5m entry warm")
                .isGreaterThan(SYSTEM_TOKENS - 100).isLessThan(SYSTEM_TOKENS + 100);
        assertThat(on.output()).isEqualTo(off.output());
        assertThat(share).isGreaterThanOrEqualTo(new BigDecimal("0.95"));
    }
}
