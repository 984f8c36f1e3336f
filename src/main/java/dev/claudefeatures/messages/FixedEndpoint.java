package dev.claudefeatures.messages;

import java.net.URI;

/** An endpoint with a fixed address and key: a stand-in's, or a test's. */
public record FixedEndpoint(URI baseUri, String apiKey) implements AnthropicEndpoint {
}
