package dev.claudefeatures.messages;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The answer of {@code POST /v1/messages}. Unknown fields are ignored; unknown blocks are kept. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MessageResponse(
        String id,
        String type,
        Role role,
        String model,
        List<ContentBlock> content,
        StopReason stopReason,
        String stopSequence,
        JsonNode stopDetails,
        Diagnostics diagnostics,
        Usage usage) {

    public MessageResponse {
        content = content == null ? List.of() : List.copyOf(content);
    }

    /**
     * The text of all {@code text} blocks, joined. Blocks are picked by type, never by
     * position: newer models may open with a {@code thinking} block.
     */
    public String text() {
        return content.stream()
                .filter(ContentBlock.Text.class::isInstance)
                .map(block -> ((ContentBlock.Text) block).text())
                .collect(Collectors.joining());
    }

    /** The blocks of one type, in order. */
    public <T extends ContentBlock> List<T> blocks(Class<T> type) {
        return content.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** {@code diagnostics} of a response to a request that named a previous message. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Diagnostics(CacheMissReason cacheMissReason) {
    }

    /**
     * Why the cache prefix of the previous message was not reused: {@code model_changed},
     * {@code system_changed}, {@code tools_changed}, {@code messages_changed} (with the tokens
     * missed), {@code previous_message_not_found} or {@code unavailable}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CacheMissReason(String type, Integer cacheMissedInputTokens) {
    }
}
