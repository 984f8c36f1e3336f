package dev.claudefeatures.simulator;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code anthropic.simulator.*} */
@ConfigMapping(prefix = "anthropic.simulator")
public interface SimulatorConfig {

    /**
     * Force the simulator on or off. Unset: on in dev and test when no API key is configured,
     * off in prod.
     */
    Optional<Boolean> enabled();

    /** Port of the simulator's HTTP server; 0 picks a free one (the tests do). */
    @WithDefault("8089")
    int port();

    /** Interface the simulator listens on. */
    @WithDefault("localhost")
    String host();
}
