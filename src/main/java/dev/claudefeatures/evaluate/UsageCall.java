package dev.claudefeatures.evaluate;

import java.math.BigDecimal;
import java.time.Instant;

import dev.claudefeatures.telemetry.TokenCounts;

/**
 * One call as its usage line tells it, with the time CloudWatch Logs received the line.
 *
 * @param cacheSavingUsd the line's {@code cache_saving_usd}; null on lines written before it existed
 */
record UsageCall(Instant timestamp, String feature, String model, String promptVersion, TokenCounts tokens,
        BigDecimal costUsd, BigDecimal cacheSavingUsd) {

    /** The tokens of the cached prefix: read back or written, whichever this call did. */
    int prefixTokens() {
        return tokens.cacheRead() + tokens.cacheWrite();
    }
}
