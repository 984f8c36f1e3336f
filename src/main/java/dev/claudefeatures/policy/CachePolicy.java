package dev.claudefeatures.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which prefixes of a feature's requests carry a cache breakpoint, each with its TTL, in the
 * API's prefix order: tools, system prompt, documents, conversation, then automatic caching (the
 * top-level {@code cache_control}, which the API puts on the last cacheable block).
 *
 * @param diagnostics whether each request names the feature's previous message, so that the API
 *                    says why its cache prefix was missed ({@code cache_miss_reason})
 */
public record CachePolicy(CacheMode tools, CacheMode system, CacheMode documents, CacheMode conversation,
        CacheMode automatic, boolean diagnostics) {

    /** A policy without cache-miss diagnostics. */
    public CachePolicy(CacheMode tools, CacheMode system, CacheMode documents, CacheMode conversation,
            CacheMode automatic) {
        this(tools, system, documents, conversation, automatic, false);
    }

    /** A breakpoint on the system prompt only: what most single-turn features want. */
    public static CachePolicy systemOnly(CacheMode system) {
        return new CachePolicy(CacheMode.NONE, system, CacheMode.NONE, CacheMode.NONE, CacheMode.NONE);
    }

    /** The policy as configured under {@code features.<name>.cache}. */
    static CachePolicy of(FeaturesConfig.Cache cache) {
        return new CachePolicy(cache.tools(), cache.system(), cache.documents(), cache.conversation(), cache.automatic(),
                cache.diagnostics());
    }

    /** The prefixes in the API's order, by their configuration name. */
    public Map<String, CacheMode> inPrefixOrder() {
        Map<String, CacheMode> order = new LinkedHashMap<>();
        order.put("tools", tools);
        order.put("system", system);
        order.put("documents", documents);
        order.put("conversation", conversation);
        order.put("automatic", automatic);
        return order;
    }
}
