package dev.claudefeatures.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.CacheControl;
import dev.claudefeatures.messages.ContentBlock;
import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.messages.SystemPrompt;
import dev.claudefeatures.messages.Tool;

/** What a call's record says of its cache prefix: whether a breakpoint did anything, and the prompt version. */
class CacheRecordTest {

    private static final CacheControl FIVE_MINUTES = CacheControl.ephemeral(CacheControl.Ttl.FIVE_MINUTES);

    private static MessageRequest request(SystemPrompt system, List<Tool> tools) {
        MessageRequest.Builder builder = MessageRequest.builder("claude-sonnet-4-6", 100).system(system)
                .message(Message.user("question"));
        if (tools != null) {
            builder.tools(tools);
        }
        return builder.build();
    }

    private static SystemPrompt cached(String text) {
        return SystemPrompt.of(List.of(new ContentBlock.Text(text).withCacheControl(FIVE_MINUTES)));
    }

    @Test
    void aBreakpointThatNeitherWroteNorReadIsIneffective() {
        MessageRequest withBreakpoint = request(cached("policy"), null);
        MessageRequest without = request(SystemPrompt.of("policy"), null);

        assertThat(CallRecorder.cacheIneffective(withBreakpoint, new TokenCounts(900, 0, 0, 0, 5))).isTrue();
        assertThat(CallRecorder.cacheIneffective(withBreakpoint, new TokenCounts(10, 0, 890, 0, 5))).isFalse();
        assertThat(CallRecorder.cacheIneffective(withBreakpoint, new TokenCounts(10, 890, 0, 0, 5))).isFalse();
        assertThat(CallRecorder.cacheIneffective(withBreakpoint, new TokenCounts(10, 0, 0, 890, 5))).isFalse();
        assertThat(CallRecorder.cacheIneffective(without, new TokenCounts(900, 0, 0, 0, 5))).isFalse();
    }

    @Test
    void aBreakpointOnAToolOrAtTheTopLevelCountsToo() throws Exception {
        Tool tool = new Tool("t", null, new ObjectMapper().readTree("{\"type\":\"object\"}"), true, FIVE_MINUTES);
        MessageRequest automatic = MessageRequest.builder("claude-sonnet-4-6", 100).message(Message.user("q"))
                .cacheControl(FIVE_MINUTES).build();

        assertThat(request(SystemPrompt.of("p"), List.of(tool)).hasCacheBreakpoint()).isTrue();
        assertThat(automatic.hasCacheBreakpoint()).isTrue();
    }

    @Test
    void thePromptVersionFollowsSystemPromptAndToolsAndNothingElse() throws Exception {
        String v1 = PromptVersion.of(request(cached("You summarise."), null));

        assertThat(v1).hasSize(PromptVersion.LENGTH).matches("[0-9a-f]+");
        // The breakpoint and the question are not the prompt: same version.
        assertThat(PromptVersion.of(request(SystemPrompt.of("You summarise."), null))).isEqualTo(v1);
        assertThat(PromptVersion.of(MessageRequest.builder("claude-opus-4-6", 5).system(SystemPrompt.of("You summarise."))
                .message(Message.user("another question")).build())).isEqualTo(v1);
        // A changed prompt or a tool is a new version.
        assertThat(PromptVersion.of(request(SystemPrompt.of("You summarise briefly."), null))).isNotEqualTo(v1);
        Tool tool = new Tool("t", null, new ObjectMapper().readTree("{\"type\":\"object\"}"), true, null);
        assertThat(PromptVersion.of(request(SystemPrompt.of("You summarise."), List.of(tool)))).isNotEqualTo(v1);
    }
}
