package dev.claudefeatures.policy;

import dev.claudefeatures.messages.CacheControl;

/** How a feature's stable prefix (its system prompt) is cached. */
public enum CacheMode {
    /** No breakpoint: for prompts that change per call or are called too rarely to be read back. */
    NONE(null),
    /** Five-minute breakpoint: writes cost 1.25 x input, every read within 5 minutes 0.1 x. */
    FIVE_MINUTES(CacheControl.Ttl.FIVE_MINUTES),
    /** One-hour breakpoint: writes cost 2 x input; for traffic with gaps longer than 5 minutes. */
    ONE_HOUR(CacheControl.Ttl.ONE_HOUR);

    private final CacheControl.Ttl ttl;

    CacheMode(CacheControl.Ttl ttl) {
        this.ttl = ttl;
    }

    public CacheControl cacheControl() {
        return ttl == null ? null : CacheControl.ephemeral(ttl);
    }

    /** Reads {@code none}, {@code 5m} and {@code 1h}, so that a typo fails at start-up. */
    public static final class Converter implements org.eclipse.microprofile.config.spi.Converter<CacheMode> {
        @Override
        public CacheMode convert(String value) {
            return switch (value.trim()) {
                case "none" -> NONE;
                case "5m" -> FIVE_MINUTES;
                case "1h" -> ONE_HOUR;
                default -> throw new IllegalArgumentException(
                        "unknown cache mode '" + value + "'; use none, 5m or 1h");
            };
        }
    }
}
