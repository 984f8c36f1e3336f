package dev.claudefeatures.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.telemetry.TelemetryConfig;
import dev.claudefeatures.testing.TestConfig;
import io.smallrye.config.SmallRyeConfig;

/**
 * Which breakpoints a feature's requests can get: the configured ones, less those whose prefix is
 * below the model's minimum whatever the input. A feature with none has nothing for caching to save
 * or lose, so it needs no cache-loss alarm and no TTL advice.
 */
class PlacedBreakpointsTest {

    private static Policies policies(Map<String, String> overrides) {
        SmallRyeConfig config = TestConfig.with(overrides, FeaturesConfig.class, ModelCatalog.class,
                AnthropicConfig.class, TelemetryConfig.class);
        return new Policies(config.getConfigMapping(FeaturesConfig.class), config.getConfigMapping(ModelCatalog.class),
                config.getConfigMapping(AnthropicConfig.class), config.getConfigMapping(TelemetryConfig.class),
                new ObjectMapper());
    }

    @Test
    void aSystemPromptAboveTheMinimumKeepsItsBreakpoint() {
        // the support playbook: about 4,000 tokens, cache.system=5m
        assertThat(policies(Map.of()).placedBreakpoints("support-reply"))
                .containsExactly(Map.entry("system", CacheMode.FIVE_MINUTES));
        assertThat(policies(Map.of("features.support-reply.cache.system", "1h")).placedBreakpoints("support-reply"))
                .containsExactly(Map.entry("system", CacheMode.ONE_HOUR));
    }

    @Test
    void aShortSystemPromptsDefaultBreakpointIsNeverPlaced() {
        // cache.system defaults to 5m, but the summarise prompt is far below Sonnet's 1,024 tokens
        assertThat(policies(Map.of()).placedBreakpoints("summarise")).isEmpty();
    }

    @Test
    void breakpointsOnTheMessagesDependOnTheInputSoCount() {
        assertThat(policies(Map.of()).placedBreakpoints("answer"))
                .containsExactly(Map.entry("documents", CacheMode.FIVE_MINUTES));
        assertThat(policies(Map.of()).placedBreakpoints("chat"))
                .containsExactly(Map.entry("conversation", CacheMode.FIVE_MINUTES));
    }

    @Test
    void noneIsNoBreakpoint() {
        assertThat(policies(Map.of("features.support-reply.cache.system", "none")).placedBreakpoints("support-reply"))
                .isEmpty();
    }
}
