package dev.claudefeatures.simulator;

import java.net.URI;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.AnthropicEndpoint;
import dev.claudefeatures.messages.AnthropicCredentialsException;
import dev.claudefeatures.messages.ConfiguredEndpoint;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Chooses, at start-up, whom the client talks to: the offline simulator in dev and test when no
 * key is configured (or wherever {@code anthropic.simulator.enabled=true}), else the configured API.
 * Without a key and without the simulator the application does not start.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class SimulatorEndpoint implements AnthropicEndpoint {

    private static final Logger LOG = Logger.getLogger(SimulatorEndpoint.class);
    /** Sent when no key is configured: any non-empty key will do for the simulator. */
    static final String SIMULATOR_KEY = "offline-simulator";

    private final SimulatorConfig config;
    private final AnthropicConfig anthropic;
    private final ConfiguredEndpoint configured;
    private final OfflineSimulator simulator;

    @Inject
    public SimulatorEndpoint(SimulatorConfig config, AnthropicConfig anthropic, ConfiguredEndpoint configured,
            OfflineSimulator simulator) {
        this.config = config;
        this.anthropic = anthropic;
        this.configured = configured;
        this.simulator = simulator;
    }

    void onStart(@Observes StartupEvent started) {
        boolean useSimulator = config.enabled().orElse(
                LaunchMode.current() != LaunchMode.NORMAL && !configured.hasCredentials());
        if (useSimulator) {
            URI uri = simulator.start();
            LOG.infof("No Anthropic API key is configured: features answer from the offline simulator at %s "
                    + "(deterministic text, estimated tokens, no cost). Set ANTHROPIC_API_KEY to call the real API.",
                    uri);
        } else if (!configured.hasCredentials()) {
            throw new AnthropicCredentialsException("no Anthropic API key: set ANTHROPIC_API_KEY (anthropic.api-key) "
                    + "or anthropic.api-key-secret-id, or anthropic.simulator.enabled=true to run offline", null);
        }
    }

    @Override
    public URI baseUri() {
        return simulator.isRunning() ? simulator.baseUri() : configured.baseUri();
    }

    @Override
    public void keyRejected() {
        if (!simulator.isRunning()) {
            configured.keyRejected();
        }
    }

    @Override
    public String apiKey() {
        // A directly configured key is sent to the simulator too, as it would be to the API; a
        // secret is never fetched just to talk to the simulator.
        return simulator.isRunning() ? anthropic.apiKey().orElse(SIMULATOR_KEY) : configured.apiKey();
    }
}
