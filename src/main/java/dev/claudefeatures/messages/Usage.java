package dev.claudefeatures.messages;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Token counts of one response. The input is in three parts that are billed differently and
 * never add into {@code inputTokens}: {@code inputTokens} counts only the tokens after the last
 * cache breakpoint, {@code cacheCreationInputTokens} those written to the cache (split by TTL in
 * {@code cacheCreation}) and {@code cacheReadInputTokens} those read from it. Fields may be null
 * when the API leaves them out; the {@code *OrZero} accessors read them as counts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Usage(
        Integer inputTokens,
        Integer cacheCreationInputTokens,
        Integer cacheReadInputTokens,
        CacheCreation cacheCreation,
        Integer outputTokens,
        OutputTokensDetails outputTokensDetails,
        String serviceTier,
        String inferenceGeo,
        JsonNode serverToolUse) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CacheCreation(
            // Named explicitly: the naming strategy would write "ephemeral5m_input_tokens".
            @JsonProperty("ephemeral_5m_input_tokens") Integer ephemeral5mInputTokens,
            @JsonProperty("ephemeral_1h_input_tokens") Integer ephemeral1hInputTokens) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OutputTokensDetails(Integer thinkingTokens) {
    }

    public int inputTokensOrZero() {
        return orZero(inputTokens);
    }

    public int cacheReadTokensOrZero() {
        return orZero(cacheReadInputTokens);
    }

    public int cacheWriteTokensOrZero() {
        return orZero(cacheCreationInputTokens);
    }

    public int outputTokensOrZero() {
        return orZero(outputTokens);
    }

    /**
     * Cache writes at the five-minute TTL. When the API gives a total without the TTL split,
     * the whole total is taken as five-minute writes, the API's default TTL.
     */
    public int cacheWrite5mTokens() {
        if (cacheCreation == null) {
            return cacheWriteTokensOrZero();
        }
        return orZero(cacheCreation.ephemeral5mInputTokens());
    }

    public int cacheWrite1hTokens() {
        return cacheCreation == null ? 0 : orZero(cacheCreation.ephemeral1hInputTokens());
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
