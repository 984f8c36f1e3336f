package dev.claudefeatures.evaluate;

import org.eclipse.microprofile.config.Config;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.AnthropicEndpoint;
import dev.claudefeatures.messages.AnthropicTransport;
import dev.claudefeatures.messages.BedrockModels;
import dev.claudefeatures.messages.ConfiguredEndpoint;
import dev.claudefeatures.messages.StandInEndpoint;
import dev.claudefeatures.messages.StandInFactory;
import dev.claudefeatures.policy.BedrockCatalog;
import dev.claudefeatures.policy.ModelCatalog;
import io.smallrye.config.SmallRyeConfig;

/** The connection of one run, on its {@link Route}; closing it stops the simulator the run started, if any. */
final class Upstream implements AutoCloseable {

    private final AnthropicTransport api;
    /** Null on the API. */
    private final StandInEndpoint standIn;

    private Upstream(AnthropicTransport api, StandInEndpoint standIn) {
        this.api = api;
        this.standIn = standIn;
    }

    static Upstream open(Route route, AnthropicConfig anthropic, Config config) {
        BedrockModels bedrockModels = new BedrockCatalog(config.unwrap(SmallRyeConfig.class)
                .getConfigMapping(ModelCatalog.class));
        if (route == Route.API) {
            // As a function's: the key as configured, or the AWS credentials chain; never Secrets Manager.
            return new Upstream(new AnthropicTransport(anthropic, new ConfiguredEndpoint(anthropic, secretId -> {
                throw new IllegalStateException("evaluate does not read Secrets Manager: set ANTHROPIC_API_KEY");
            }), bedrockModels), null);
        }
        // Through the same plug-in seam as dev mode: this package never names the simulator.
        StandInEndpoint standIn = StandInFactory.find().orElseThrow(() -> new IllegalStateException(
                "no API key, and this build has no offline simulator to answer instead: set ANTHROPIC_API_KEY"))
                .create(config);
        try {
            AnthropicEndpoint started = standIn.start();
            return new Upstream(new AnthropicTransport(anthropic, started, bedrockModels), standIn);
        } catch (RuntimeException notStarted) {
            standIn.stop();
            throw notStarted;
        }
    }

    /** The same transport, retries and errors as the functions', on this run's route. */
    AnthropicTransport api() {
        return api;
    }

    boolean offline() {
        return standIn != null;
    }

    @Override
    public void close() {
        api.close();
        if (standIn != null) {
            standIn.stop();
        }
    }
}
