package dev.claudefeatures.simulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code anthropic.simulator.*}: where the simulator listens when the application runs offline. */
@ConfigMapping(prefix = "anthropic.simulator")
public interface SimulatorConfig {

    /** Port of the simulator's HTTP server; 0 picks a free one (the tests do). */
    @WithDefault("8089")
    int port();

    /** Interface the simulator listens on. */
    @WithDefault("localhost")
    String host();
}
