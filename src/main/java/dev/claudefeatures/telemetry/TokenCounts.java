package dev.claudefeatures.telemetry;

import dev.claudefeatures.messages.Usage;

/**
 * A call's tokens split as the API bills them. {@code input} is only the uncached part; the
 * three input parts never add into one another.
 */
public record TokenCounts(int input, int cacheRead, int cacheWrite5m, int cacheWrite1h, int output) {

    public static final TokenCounts NONE = new TokenCounts(0, 0, 0, 0, 0);

    public static TokenCounts of(Usage usage) {
        if (usage == null) {
            return NONE;
        }
        return new TokenCounts(usage.inputTokensOrZero(), usage.cacheReadTokensOrZero(), usage.cacheWrite5mTokens(),
                usage.cacheWrite1hTokens(), usage.outputTokensOrZero());
    }

    public int cacheWrite() {
        return cacheWrite5m + cacheWrite1h;
    }
}
