package dev.claudefeatures.simulator;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.AnthropicEndpoint;
import dev.claudefeatures.messages.FixedEndpoint;
import dev.claudefeatures.messages.StandInEndpoint;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The offline simulator as the client's stand-in endpoint: created only when the application runs offline. */
@ApplicationScoped
public class SimulatorStandIn implements StandInEndpoint {

    /** Sent when no key is configured: any non-empty key will do for the simulator. */
    static final String SIMULATOR_KEY = "offline-simulator";

    private final OfflineSimulator simulator;
    private final AnthropicConfig anthropic;
    private final SimulatorConfig.Aws aws;

    @Inject
    public SimulatorStandIn(OfflineSimulator simulator, AnthropicConfig anthropic, SimulatorConfig config) {
        this.simulator = simulator;
        this.anthropic = anthropic;
        this.aws = config.aws();
    }

    @Override
    public String describe() {
        return "the offline simulator";
    }

    @Override
    public AnthropicEndpoint start() {
        URI uri = simulator.start();
        // A directly configured key is sent to the simulator too, as it would be to the API; a
        // secret is never fetched just to talk to the simulator. With provider aws or bedrock the
        // client signs with the test credentials the simulator checks signatures with.
        return new FixedEndpoint(uri, anthropic.apiKey().orElse(SIMULATOR_KEY), testCredentials());
    }

    /** The credentials the simulator accepts ({@code anthropic.simulator.aws.*}), never the machine's own. */
    AwsCredentialsIdentity testCredentials() {
        return aws.sessionToken()
                .<AwsCredentialsIdentity>map(token -> AwsSessionCredentials.create(aws.accessKeyId(),
                        aws.secretAccessKey(), token))
                .orElseGet(() -> AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey()));
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
