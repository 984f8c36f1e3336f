package dev.claudefeatures.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code anthropic-ratelimit-*} headers the API sends with each answer: a limit per minute
 * for requests, input and output tokens, what remains of it in the current minute (decreasing
 * with each answer) and when it is whole again (RFC 3339). The simulator never enforces them:
 * a client can read them, as it would from the API, but only a queued fault gives a 429.
 */
final class RateLimits {

    /** Plausible limits for one organisation and model, per minute. */
    static final long REQUESTS_PER_MINUTE = 4_000;
    static final long INPUT_TOKENS_PER_MINUTE = 2_000_000;
    static final long OUTPUT_TOKENS_PER_MINUTE = 400_000;
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final Supplier<Instant> clock;
    private Instant windowStart = Instant.MIN;
    private long requests;
    private long inputTokens;
    private long outputTokens;

    RateLimits(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** Counts one answered request and gives the headers to send with it. */
    synchronized Map<String, String> count(long input, long output) {
        Instant now = clock.get();
        if (!now.isBefore(windowStart.plus(WINDOW))) {
            windowStart = now;
            requests = 0;
            inputTokens = 0;
            outputTokens = 0;
        }
        requests++;
        inputTokens += input;
        outputTokens += output;
        String reset = DateTimeFormatter.ISO_INSTANT.format(windowStart.plus(WINDOW).truncatedTo(ChronoUnit.SECONDS));
        Map<String, String> headers = new LinkedHashMap<>();
        limit(headers, "requests", REQUESTS_PER_MINUTE, requests, reset);
        limit(headers, "input-tokens", INPUT_TOKENS_PER_MINUTE, inputTokens, reset);
        limit(headers, "output-tokens", OUTPUT_TOKENS_PER_MINUTE, outputTokens, reset);
        limit(headers, "tokens", INPUT_TOKENS_PER_MINUTE + OUTPUT_TOKENS_PER_MINUTE, inputTokens + outputTokens, reset);
        return headers;
    }

    private static void limit(Map<String, String> headers, String name, long limit, long used, String reset) {
        headers.put("anthropic-ratelimit-" + name + "-limit", Long.toString(limit));
        headers.put("anthropic-ratelimit-" + name + "-remaining", Long.toString(Math.max(0, limit - used)));
        headers.put("anthropic-ratelimit-" + name + "-reset", reset);
    }
}
