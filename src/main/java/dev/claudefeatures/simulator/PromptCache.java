package dev.claudefeatures.simulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
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

    /** How many blocks before a breakpoint the API looks back for a cached prefix: about 20. */
    static final int LOOKBACK = 20;

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
        // The prefix keys and sizes of the last LOOKBACK blocks, newest last.
        Deque<String> recentKeys = new ArrayDeque<>();
        Deque<Integer> recentTokens = new ArrayDeque<>();
        for (CacheBreakpoints.Segment segment : prompt.segments()) {
            prefix.append('\u0000').append(segment.canonical());
            tokensSoFar += segment.tokens();
            String key = prefix.toString();
            recentKeys.addLast(key);
            recentTokens.addLast(tokensSoFar);
            if (recentKeys.size() > LOOKBACK + 1) {
                recentKeys.removeFirst();
                recentTokens.removeFirst();
            }
            if (segment.ttl() == null || tokensSoFar < minCacheableTokens) {
                continue;
            }
            long ttlNanos = ("1h".equals(segment.ttl()) ? Duration.ofHours(1) : Duration.ofMinutes(5)).toNanos();
            Long expiry = expiresAtNanos.get(key);
            if ((expiry == null || expiry <= now) && write) {
                // As the API does: look back from the breakpoint for a shorter prefix cached by an
                // earlier request (a conversation's breakpoint moves forward every turn).
                Iterator<String> keys = recentKeys.descendingIterator();
                Iterator<Integer> sizes = recentTokens.descendingIterator();
                keys.next();
                sizes.next();
                while (keys.hasNext()) {
                    String earlier = keys.next();
                    int earlierTokens = sizes.next();
                    Long earlierExpiry = expiresAtNanos.get(earlier);
                    if (earlierTokens > cachedUpTo && earlierExpiry != null && earlierExpiry > now) {
                        read = earlierTokens;
                        cachedUpTo = earlierTokens;
                        written5m = 0;
                        written1h = 0;
                        break;
                    }
                }
            }
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
