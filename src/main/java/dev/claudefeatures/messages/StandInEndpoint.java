package dev.claudefeatures.messages;

/**
 * Something that answers in place of the Messages API when the application runs offline (the
 * offline simulator). A plug-in: production code never depends on one, and {@link Endpoints}
 * only looks one up when {@code anthropic.offline} says so.
 */
public interface StandInEndpoint {

    /** What it is, for the log. */
    default String describe() {
        return "a stand-in";
    }

    /** Starts answering (once) and returns where and with what key to call it. */
    AnthropicEndpoint start();

    /** Whether it is answering now (started and not stopped). */
    default boolean answering() {
        return false;
    }

    /** Stops answering and closes what {@link #start()} opened; a later start opens it again. */
    default void stop() {
    }
}
