package dev.claudefeatures.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The simulator's prompt cache: a prefix up to a breakpoint is written when it reaches the
 * model's minimum size and read back by a later request with the same prefix within its TTL.
 * Reads refresh the TTL, as the API's do.
 */
final class PromptCache {

    /** How one request's input splits into uncached, written and read tokens. */
    record Split(int uncached, int read, int written5m, int written1h) {
    }

    /** Above this many entries, expired ones are dropped, so a long dev session stays small. */
    static final int PURGE_ABOVE = 1_000;

    private final Map<String, Long> expiresAtNanos = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    PromptCache(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    Split apply(String model, CacheBreakpoints prompt, int minCacheableTokens, boolean write) {
        long now = nanoClock.getAsLong();
        if (expiresAtNanos.size() > PURGE_ABOVE) {
            expiresAtNanos.values().removeIf(expiry -> expiry <= now);
        }
        StringBuilder prefix = new StringBuilder(model);
        int tokensSoFar = 0;
        int read = 0;
        int cachedUpTo = 0;
        int written5m = 0;
        int written1h = 0;
        for (CacheBreakpoints.Segment segment : prompt.segments()) {
            prefix.append('\u0000').append(segment.canonical());
            tokensSoFar += segment.tokens();
            if (segment.ttl() == null || tokensSoFar < minCacheableTokens) {
                continue;
            }
            String key = prefix.toString();
            long ttlNanos = ("1h".equals(segment.ttl()) ? Duration.ofHours(1) : Duration.ofMinutes(5)).toNanos();
            Long expiry = expiresAtNanos.get(key);
            if (expiry != null && expiry > now) {
                read = tokensSoFar;
                cachedUpTo = tokensSoFar;
                written5m = 0;
                written1h = 0;
                if (write) {
                    expiresAtNanos.put(key, now + ttlNanos);
                }
            } else {
                int fresh = tokensSoFar - cachedUpTo;
                if ("1h".equals(segment.ttl())) {
                    written1h += fresh;
                } else {
                    written5m += fresh;
                }
                cachedUpTo = tokensSoFar;
                if (write) {
                    expiresAtNanos.put(key, now + ttlNanos);
                }
            }
        }
        int uncached = prompt.totalTokens() - read - written5m - written1h;
        return new Split(uncached, read, written5m, written1h);
    }

    int size() {
        return expiresAtNanos.size();
    }
}
