package dev.claudefeatures.messages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;

/**
 * The one place that decides whom the client talks to, at start-up: a stand-in (the offline
 * simulator) when {@code anthropic.offline} is on, or, when it is unset, in dev and test without
 * a key; otherwise the configured API, which then must have a key or a secret to read it from.
 * Either way a missing key stops the application before its first request.
 */
@ApplicationScoped
public class Endpoints {

    private static final Logger LOG = Logger.getLogger(Endpoints.class);

    @Produces
    @Startup
    @ApplicationScoped
    ReroutableEndpoint endpoint(AnthropicConfig config, ConfiguredEndpoint configured,
            Instance<StandInEndpoint> standIns) {
        boolean offline = config.offline()
                .orElse(LaunchMode.current() != LaunchMode.NORMAL && !configured.hasCredentials());
        if (!offline) {
            configured.requireCredentials();
            return new ReroutableEndpoint(configured);
        }
        if (!standIns.isResolvable()) {
            throw new IllegalStateException("anthropic.offline is on, but this build has no stand-in for the "
                    + "Anthropic API (the offline simulator)");
        }
        StandInEndpoint standIn = standIns.get();
        AnthropicEndpoint started = standIn.start();
        LOG.infof("Offline: features answer from %s at %s (no API call, no cost). Set ANTHROPIC_API_KEY to call the real API.",
                standIn.describe(), started.baseUri());
        return new ReroutableEndpoint(started);
    }
}
