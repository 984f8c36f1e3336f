package dev.claudefeatures.policy;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

import dev.claudefeatures.messages.BedrockRoute;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * The models a feature may use, with their prices, limits and capabilities: {@code models.<id>.*}.
 * Facts about models live here, not in code, because they change with every model release.
 */
@ConfigMapping(prefix = "models")
public interface ModelCatalog {

    /** Model specifications by model id, e.g. {@code claude-sonnet-4-6}. */
    @WithParentName
    Map<String, ModelSpec> models();

    interface ModelSpec {
        /** Prices in USD per million tokens. */
        Prices prices();

        /** Smallest prefix the model caches; shorter prefixes are silently not cached. */
        int minCacheableTokens();

        /** Largest {@code max_tokens} the model accepts. */
        int maxOutputTokens();

        /** What the model accepts. */
        Capabilities capabilities();

        /** How Amazon Bedrock serves the model; without it the model cannot be used with {@code anthropic.provider=bedrock}. */
        Optional<Bedrock> bedrock();
    }

    interface Bedrock {
        /**
         * Bedrock's model id or inference profile, e.g. {@code global.anthropic.claude-sonnet-4-6}:
         * sent in place of the API's model id, in the path ({@code invoke}) or the body ({@code messages}).
         */
        String modelId();

        /** {@code invoke} (InvokeModel on bedrock-runtime) or {@code messages} (the Messages API on bedrock-mantle). */
        @WithDefault("invoke")
        BedrockRoute route();

        /**
         * Bedrock's price of this model id as a multiple of {@link ModelSpec#prices()}: 1 where
         * Bedrock charges the API's prices (the global inference profiles), 1.1 for the geographic
         * and in-region ids of Claude 4.5 and later.
         */
        @WithDefault("1")
        BigDecimal priceMultiplier();
    }

    interface Prices {
        /** Uncached input (after the last cache breakpoint). */
        BigDecimal input();

        /** Cache writes with the default five-minute TTL (1.25 x input). */
        @WithName("cache-write-5m")
        BigDecimal cacheWrite5m();

        /** Cache writes with the one-hour TTL (2 x input). */
        @WithName("cache-write-1h")
        BigDecimal cacheWrite1h();

        /** Cache reads (0.1 x input on most models). */
        BigDecimal cacheRead();

        /** Output, thinking included. */
        BigDecimal output();

        /**
         * Multipliers of every price by the call's {@code inference_geo}, e.g.
         * {@code inference-geo.us=1.1}; a geo not listed costs the base prices.
         */
        @WithName("inference-geo")
        Map<String, BigDecimal> inferenceGeo();
    }

    interface Capabilities {
        /** Accepts {@code output_config.format} and strict tools. */
        @WithDefault("true")
        boolean structuredOutputs();

        /** Accepts {@code tool_choice} of type {@code any} or {@code tool}. */
        @WithDefault("true")
        boolean forcedToolChoice();

        /** Accepts {@code temperature} (under an API version that accepts it at all). */
        @WithDefault("false")
        boolean temperature();
    }
}
