package dev.claudefeatures.calls;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.claudefeatures.messages.Usage;

/** The token counts a caller of a feature sees; the input stays split as the API bills it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenUsage(int inputTokens, int cacheReadTokens, int cacheWriteTokens, int outputTokens) {

    static final TokenUsage NONE = new TokenUsage(0, 0, 0, 0);

    static TokenUsage of(Usage usage) {
        if (usage == null) {
            return NONE;
        }
        return new TokenUsage(usage.inputTokensOrZero(), usage.cacheReadTokensOrZero(),
                usage.cacheWriteTokensOrZero(), usage.outputTokensOrZero());
    }

    TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputTokens + other.inputTokens, cacheReadTokens + other.cacheReadTokens,
                cacheWriteTokens + other.cacheWriteTokens, outputTokens + other.outputTokens);
    }
}
