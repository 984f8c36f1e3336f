package dev.claudefeatures.telemetry;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The span attributes of a call to Claude: the OpenTelemetry GenAI conventions' own, and the kit's
 * under {@code claude_features.*}. Identifiers, models, counts and cost only: never prompt or answer
 * text, never a key.
 */
public final class GenAiAttributes {

    /** The conventions' operation name of a Messages API call, and its span name's first word. */
    public static final String CHAT = "chat";
    public static final String ANTHROPIC = "anthropic";

    public static final AttributeKey<String> OPERATION_NAME = stringKey("gen_ai.operation.name");
    public static final AttributeKey<String> PROVIDER_NAME = stringKey("gen_ai.provider.name");
    public static final AttributeKey<String> REQUEST_MODEL = stringKey("gen_ai.request.model");
    public static final AttributeKey<Long> REQUEST_MAX_TOKENS = longKey("gen_ai.request.max_tokens");
    public static final AttributeKey<String> RESPONSE_MODEL = stringKey("gen_ai.response.model");
    public static final AttributeKey<String> RESPONSE_ID = stringKey("gen_ai.response.id");
    public static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS = stringArrayKey(
            "gen_ai.response.finish_reasons");
    /** Every input token, cached ones included, as the conventions count them (the API's own count leaves them out). */
    public static final AttributeKey<Long> USAGE_INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
    public static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
    public static final AttributeKey<Long> USAGE_CACHE_READ_INPUT_TOKENS = longKey(
            "gen_ai.usage.cache_read.input_tokens");
    public static final AttributeKey<Long> USAGE_CACHE_CREATION_INPUT_TOKENS = longKey(
            "gen_ai.usage.cache_creation.input_tokens");
    public static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");

    public static final AttributeKey<String> FEATURE = stringKey("claude_features.feature");
    public static final AttributeKey<Double> COST_USD = doubleKey("claude_features.cost_usd");
    public static final AttributeKey<String> PROMPT_VERSION = stringKey("claude_features.prompt_version");
    /** The API's {@code request-id}: the usage line's {@code request_id}, so that logs and traces join. */
    public static final AttributeKey<String> REQUEST_ID = stringKey("claude_features.request_id");
    public static final AttributeKey<Long> ATTEMPTS = longKey("claude_features.attempts");
    public static final AttributeKey<Boolean> ESCALATION = booleanKey("claude_features.escalation");
    public static final AttributeKey<Boolean> STREAMED = booleanKey("claude_features.streamed");
    public static final AttributeKey<Long> TIME_TO_FIRST_TOKEN_MS = longKey("claude_features.time_to_first_token_ms");

    private GenAiAttributes() {
    }

    /** The conventions' input tokens: the uncached part, the cache reads and the cache writes. */
    static long inputTokens(TokenCounts tokens) {
        return (long) tokens.input() + tokens.cacheRead() + tokens.cacheWrite();
    }
}
