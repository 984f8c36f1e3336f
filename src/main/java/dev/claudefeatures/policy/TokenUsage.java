package dev.claudefeatures.policy;

import dev.claudefeatures.messages.Usage;

/** The token counts a caller of the feature sees; the input stays split as the API bills it. */
public record TokenUsage(int inputTokens, int cacheReadTokens, int cacheWriteTokens, int outputTokens) {

    public static TokenUsage of(Usage usage) {
        return new TokenUsage(usage.inputTokensOrZero(), usage.cacheReadTokensOrZero(),
                usage.cacheWriteTokensOrZero(), usage.outputTokensOrZero());
    }
}
