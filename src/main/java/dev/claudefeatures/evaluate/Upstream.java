package dev.claudefeatures.evaluate;

import org.eclipse.microprofile.config.Config;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.AnthropicEndpoint;
import dev.claudefeatures.messages.StandInEndpoint;
import dev.claudefeatures.messages.StandInFactory;

/** The connection of one run, on its {@link Route}; closing it stops the simulator the run started, if any. */
final class Upstream implements AutoCloseable {

    private final ApiConnection api;
    /** Null on the API. */
    private final StandInEndpoint standIn;

    private Upstream(ApiConnection api, StandInEndpoint standIn) {
        this.api = api;
        this.standIn = standIn;
    }

    static Upstream open(Route route, AnthropicConfig anthropic, Config config) {
        String version = anthropic.version().wireName();
        if (route == Route.API) {
            return new Upstream(new ApiConnection(anthropic.baseUrl(), anthropic.apiKey().orElseThrow(), version), null);
        }
        // Through the same plug-in seam as dev mode: this package never names the simulator.
        StandInEndpoint standIn = StandInFactory.find().orElseThrow(() -> new IllegalStateException(
                "no API key, and this build has no offline simulator to answer instead: set ANTHROPIC_API_KEY"))
                .create(config);
        try {
            AnthropicEndpoint started = standIn.start();
            return new Upstream(new ApiConnection(started.baseUri(), started.apiKey(), version), standIn);
        } catch (RuntimeException notStarted) {
            standIn.stop();
            throw notStarted;
        }
    }

    ApiConnection api() {
        return api;
    }

    boolean offline() {
        return standIn != null;
    }

    @Override
    public void close() {
        if (standIn != null) {
            standIn.stop();
        }
    }
}
