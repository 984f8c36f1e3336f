package dev.claudefeatures.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import dev.claudefeatures.messages.CacheControl;
import dev.claudefeatures.messages.ContentBlock;
import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.messages.SystemPrompt;
import dev.claudefeatures.policy.CacheMode;
import dev.claudefeatures.policy.CachePolicy;
import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.testing.TestConfig;

class RequestPlannerTest {

    private static final ModelCatalog.ModelSpec SONNET = TestConfig.with(Map.of(), ModelCatalog.class)
            .getConfigMapping(ModelCatalog.class).models().get("claude-sonnet-4-6");

    private static FeaturePolicy policy(String prompt, CachePolicy cache, OptionalDouble temperature) {
        return new FeaturePolicy("demo", "claude-sonnet-4-6", SONNET, 300, prompt, cache, temperature, 1000);
    }

    @Test
    void appliesModelMaxTokensAndTheSystemPrompt() {
        MessageRequest request = RequestPlanner.plan(policy("Be brief.", CachePolicy.systemOnly(CacheMode.FIVE_MINUTES),
                OptionalDouble.empty()), List.of(Message.user("x"))).build();

        assertThat(request.model()).isEqualTo("claude-sonnet-4-6");
        assertThat(request.maxTokens()).isEqualTo(300);
        assertThat(request.system()).isEqualTo(SystemPrompt.of("Be brief."));
        assertThat(request.temperature()).isNull();
    }

    @Test
    void aPromptLongEnoughToCacheGetsABreakpointWithTheConfiguredTtl() {
        String prompt = "x".repeat(4 * 1024);
        MessageRequest request = RequestPlanner.plan(policy(prompt, CachePolicy.systemOnly(CacheMode.ONE_HOUR), OptionalDouble.empty()),
                List.of(Message.user("x"))).build();

        assertThat(request.system()).isEqualTo(SystemPrompt.of(List.of(
                new ContentBlock.Text(prompt).withCacheControl(CacheControl.ephemeral(CacheControl.Ttl.ONE_HOUR)))));
    }

    @Test
    void aPromptBelowTheModelsMinimumOrWithCachingOffHasNoBreakpoint() {
        String shortPrompt = "x".repeat(4 * 1024 - 4);
        String longPrompt = "x".repeat(8 * 1024);
        assertThat(RequestPlanner.plan(policy(shortPrompt, CachePolicy.systemOnly(CacheMode.FIVE_MINUTES), OptionalDouble.empty()),
                List.of()).build().system()).isEqualTo(SystemPrompt.of(shortPrompt));
        assertThat(RequestPlanner.plan(policy(longPrompt, CachePolicy.systemOnly(CacheMode.NONE), OptionalDouble.empty()),
                List.of()).build().system()).isEqualTo(SystemPrompt.of(longPrompt));
    }

    @Test
    void sendsTemperatureOnlyWhenThePolicySetsIt() {
        assertThat(RequestPlanner.plan(policy("p", CachePolicy.systemOnly(CacheMode.NONE), OptionalDouble.of(0.3)), List.of()).build()
                .temperature()).isEqualTo(0.3);
    }

    @org.junit.jupiter.api.Test
    void toolNamesReplaceWhatTheApiRefusesAndStopAtSixtyFourCharacters() {
        org.assertj.core.api.Assertions.assertThat(RequestPlanner.toolName("classify ticket.v2"))
                .isEqualTo("record_classify_ticket_v2");
        String exactly64 = "record_" + "a".repeat(57);
        org.assertj.core.api.Assertions.assertThat(RequestPlanner.toolName("a".repeat(57))).isEqualTo(exactly64);
        org.assertj.core.api.Assertions.assertThat(RequestPlanner.toolName("a".repeat(58))).isEqualTo(exactly64);
    }
}
