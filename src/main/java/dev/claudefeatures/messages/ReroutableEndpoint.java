package dev.claudefeatures.messages;

import java.net.URI;

/**
 * The endpoint {@link Endpoints} chose, which can be pointed at a stand-in for a while and back:
 * SnapStart priming rehearses every feature against the offline simulator, so that the snapshot
 * holds a warm path and no request of the rehearsal reaches, or is billed by, the API.
 */
public class ReroutableEndpoint implements AnthropicEndpoint {

    private final AnthropicEndpoint chosen;
    private volatile AnthropicEndpoint current;

    public ReroutableEndpoint(AnthropicEndpoint chosen) {
        this.chosen = chosen;
        this.current = chosen;
    }

    /** Until {@link #restore()}, calls go to {@code standIn}. */
    public void rerouteTo(AnthropicEndpoint standIn) {
        current = standIn;
    }

    public void restore() {
        current = chosen;
    }

    @Override
    public URI baseUri() {
        return current.baseUri();
    }

    @Override
    public String apiKey() {
        return current.apiKey();
    }

    @Override
    public software.amazon.awssdk.identity.spi.AwsCredentialsIdentity awsCredentials() {
        return current.awsCredentials();
    }

    /** Prepares the chosen endpoint, whichever is in use now. */
    @Override
    public void prepare() {
        chosen.prepare();
    }

    @Override
    public void keyRejected() {
        current.keyRejected();
    }
}
