package dev.claudefeatures.messages;

/**
 * Something that answers in place of the Messages API when the application runs offline (the
 * offline simulator). A plug-in: production code never depends on one, and {@link Endpoints}
 * only looks one up when {@code anthropic.offline} says so.
 */
public interface StandInEndpoint {

    /** Starts answering (once) and returns where and with what key to call it. */
    AnthropicEndpoint start();
}
