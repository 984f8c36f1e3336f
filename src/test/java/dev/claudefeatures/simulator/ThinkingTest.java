package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.messages.ApiVersion;

/** Thinking settings, signatures that travel with thinking blocks, and when the model thinks first. */
class ThinkingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSignatureVerifiesItsOwnThinkingShownOrOmittedAndNothingElse() {
        String signature = Thinking.sign("The user wants a summary.");

        assertThat(signature).startsWith("sim1.");
        assertThat(Thinking.verifies("The user wants a summary.", signature)).isTrue();
        assertThat(Thinking.verifies("", signature)).as("display omitted: the text stays in the signature").isTrue();
        assertThat(Thinking.verifies("The user wants a poem.", signature)).as("edited thinking").isFalse();
        assertThat(Thinking.verifies("x", Thinking.sign("y"))).isFalse();
        assertThat(Thinking.verifies("x", "forged")).isFalse();
        assertThat(Thinking.verifies("x", "sim1.!!!.???")).as("not base64").isFalse();
        assertThat(Thinking.verifies("x", "sim1.onlyonepart")).isFalse();
        String[] parts = Thinking.sign("x").split("\\.");
        assertThat(Thinking.verifies("y", parts[0] + "." + parts[1] + "." + Thinking.sign("y").split("\\.")[2]))
                .as("text swapped under another's digest").isFalse();
    }

    @Test
    void readsTheSettingWithDisabledAsTheDefault() throws Exception {
        assertThat(Thinking.of(JSON.readTree("{}"))).isEqualTo(new Thinking("disabled", Integer.MAX_VALUE, false));
        assertThat(Thinking.of(JSON.readTree("{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2048}}")))
                .isEqualTo(new Thinking("enabled", 2048, false));
        assertThat(Thinking.of(JSON.readTree("{\"thinking\":{\"type\":\"adaptive\",\"display\":\"omitted\"}}")))
                .isEqualTo(new Thinking("adaptive", Integer.MAX_VALUE, true));
    }

    @Test
    void betweenToolsThinksOnlyAfterAToolResult() throws Exception {
        JsonNode start = JSON.readTree("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        JsonNode afterTool = JSON.readTree("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"a\",\"name\":\"t\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"a\"}]}]}");
        Thinking betweenTools = new Thinking("between_tools", Integer.MAX_VALUE, false);

        assertThat(betweenTools.thinksFirst(start)).isFalse();
        assertThat(betweenTools.thinksFirst(afterTool)).isTrue();
        assertThat(new Thinking("adaptive", Integer.MAX_VALUE, false).thinksFirst(start)).isTrue();
        assertThat(new Thinking("enabled", 1024, false).thinksFirst(start)).isTrue();
        assertThat(new Thinking("disabled", Integer.MAX_VALUE, false).thinksFirst(afterTool)).isFalse();
    }

    @Test
    void countTokensHasNoMaxTokensSoAnyBudgetFromTheMinimumIsAccepted() throws Exception {
        JsonNode body = JSON.readTree("{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":50000},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertThatCode(() -> Thinking.check(body, ApiVersion.V2026_10_21, -1)).doesNotThrowAnyException();
    }
}
