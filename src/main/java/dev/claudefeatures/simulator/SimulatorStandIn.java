package dev.claudefeatures.simulator;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.AnthropicEndpoint;
import dev.claudefeatures.messages.FixedEndpoint;
import dev.claudefeatures.messages.StandInEndpoint;

/** The offline simulator as the client's stand-in endpoint: created only when the application runs offline. */
@ApplicationScoped
public class SimulatorStandIn implements StandInEndpoint {

    /** Sent when no key is configured: any non-empty key will do for the simulator. */
    static final String SIMULATOR_KEY = "offline-simulator";

    private final OfflineSimulator simulator;
    private final AnthropicConfig anthropic;

    @Inject
    public SimulatorStandIn(OfflineSimulator simulator, AnthropicConfig anthropic) {
        this.simulator = simulator;
        this.anthropic = anthropic;
    }

    @Override
    public String describe() {
        return "the offline simulator";
    }

    @Override
    public AnthropicEndpoint start() {
        URI uri = simulator.start();
        // A directly configured key is sent to the simulator too, as it would be to the API; a
        // secret is never fetched just to talk to the simulator.
        return new FixedEndpoint(uri, anthropic.apiKey().orElse(SIMULATOR_KEY));
    }

    @Override
    public boolean answering() {
        return simulator.isRunning();
    }

    @Override
    public void stop() {
        simulator.stop();
    }
}
