package dev.claudefeatures.telemetry;

/** What the caller knows of a call before it is made. */
public record CallContext(String feature, String model, TokenPrices prices, boolean escalation) {
}
