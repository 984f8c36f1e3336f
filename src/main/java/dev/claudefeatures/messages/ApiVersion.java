package dev.claudefeatures.messages;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The {@code anthropic-version} values this client knows, with the rules that differ between
 * them. Pinned in configuration so that an API upgrade is a reviewed change, not a surprise.
 */
public enum ApiVersion {
    /** Still served; accepts {@code temperature}, {@code top_p} and {@code top_k}. */
    V2023_06_01("2023-06-01", true),
    /** Current. Removes the sampling parameters: sending any of them, even at a default, is a 400. */
    V2026_10_21("2026-10-21", false);

    private final String wireName;
    private final boolean acceptsSamplingParameters;

    ApiVersion(String wireName, boolean acceptsSamplingParameters) {
        this.wireName = wireName;
        this.acceptsSamplingParameters = acceptsSamplingParameters;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether {@code temperature}, {@code top_p} and {@code top_k} may be sent at all. */
    public boolean acceptsSamplingParameters() {
        return acceptsSamplingParameters;
    }

    public static ApiVersion fromWire(String value) {
        for (ApiVersion version : values()) {
            if (version.wireName.equals(value)) {
                return version;
            }
        }
        throw new IllegalArgumentException("unknown Anthropic API version '" + value + "'; known: "
                + Arrays.stream(values()).map(ApiVersion::wireName).collect(Collectors.joining(", ")));
    }

    /** Reads {@code anthropic.version} so that a typo fails at start-up. */
    public static final class Converter implements org.eclipse.microprofile.config.spi.Converter<ApiVersion> {
        @Override
        public ApiVersion convert(String value) {
            return fromWire(value.trim());
        }
    }
}
