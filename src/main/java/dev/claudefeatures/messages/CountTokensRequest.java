package dev.claudefeatures.messages;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The body of {@code POST /v1/messages/count_tokens}: a message request without generation fields. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CountTokensRequest(
        String model,
        List<Message> messages,
        SystemPrompt system,
        List<Tool> tools,
        ToolChoice toolChoice,
        ThinkingConfig thinking,
        OutputConfig outputConfig) {
}
