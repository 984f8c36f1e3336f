package dev.claudefeatures.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/** One policy per AI feature: {@code features.<name>.*}. */
@ConfigMapping(prefix = "features")
public interface FeaturesConfig {

    /** Policies by feature name, e.g. {@code summarise}. */
    @WithParentName
    Map<String, Settings> features();

    interface Settings {
        /** Model id; must be in the model catalog ({@code models.<id>}). */
        @WithDefault("claude-sonnet-4-6")
        String model();

        /**
         * {@code max_tokens} for every call of this feature. Required, with no default: the
         * ceiling of a call's output cost is a decision, not an accident.
         */
        int maxTokens();

        /** Classpath resource holding the system prompt, e.g. {@code prompts/summarise.txt}. */
        String systemPrompt();

        /** Sampling temperature; refused at start-up where the API version or the model rejects it. */
        OptionalDouble temperature();

        /** Prompt caching: a breakpoint per prefix, each {@code 5m}, {@code 1h} or {@code none}. */
        Cache cache();

        /** Largest input text accepted, in characters; larger requests get a 413. */
        @WithDefault("100000")
        int maxInputChars();

        /** Classpath resource of the JSON Schema that a structured answer must fit. */
        Optional<String> schema();

        /**
         * Values that close a string property of the schema, by property name, e.g.
         * {@code enums.category=billing,technical}: the schema's file leaves the choice open, the
         * configuration decides it. Each must name a string property of the schema.
         */
        Map<String, List<String>> enums();

        /** Re-asks a stronger model when the answer's confidence is low. */
        Optional<EscalationSettings> escalation();
    }

    /**
     * The cache breakpoints of a feature, in the API's prefix order. A breakpoint is only placed
     * where its prefix reaches the model's minimum cacheable size; TTLs may not rise along the
     * prefix (a {@code 1h} breakpoint after a {@code 5m} one is refused at start-up).
     */
    interface Cache {
        /** After the tools (a structured feature's answer tool). */
        @WithDefault("none")
        @WithConverter(CacheMode.Converter.class)
        CacheMode tools();

        /** After the system prompt. */
        @WithDefault("5m")
        @WithConverter(CacheMode.Converter.class)
        CacheMode system();

        /** After the last document block of the messages. */
        @WithDefault("none")
        @WithConverter(CacheMode.Converter.class)
        CacheMode documents();

        /** After the conversation so far (every message before the newest turn). */
        @WithDefault("none")
        @WithConverter(CacheMode.Converter.class)
        CacheMode conversation();

        /** Automatic caching: the top-level {@code cache_control}, on the last cacheable block. */
        @WithDefault("none")
        @WithConverter(CacheMode.Converter.class)
        CacheMode automatic();

        /**
         * Name the feature's previous message in each request ({@code diagnostics}), so that the
         * answer says why the cache was missed: counted in {@code CacheMissedInputTokens} by reason.
         */
        @WithDefault("false")
        boolean diagnostics();
    }

    interface EscalationSettings {
        /** The stronger model; must be in the catalog. */
        @WithDefault("claude-opus-4-6")
        String model();

        /** Answers whose confidence is below this are asked again of {@link #model()}. */
        double belowConfidence();

        /** The numeric field of the answer that holds its confidence, from 0 to 1. */
        @WithDefault("confidence")
        String confidenceField();
    }
}
