package dev.claudefeatures.evaluate;

import java.net.URI;

import dev.claudefeatures.messages.AnthropicConfig;

/**
 * Where {@code evaluate} sends its requests, decided before anything is sent and the way dev mode
 * decides it ({@code messages.Endpoints}): {@code anthropic.offline} when it is set; otherwise the
 * API with a key, and the offline simulator without one, so that a fresh clone runs as written.
 */
enum Route {
    /**
     * The configured provider: {@code anthropic.base-url} with the key, or Claude Platform on AWS
     * or Bedrock signed with the default chain's AWS credentials.
     */
    API,
    /** The project's offline simulator, started in this process on a free port. */
    OFFLINE_SIMULATOR;

    /**
     * An explicit {@code anthropic.base-url} other than the API's (a proxy, a gateway, a running
     * dev server) is never silently swapped for the simulator, nor sent a made-up key: without a
     * key it is refused with what to set, as before.
     *
     * @throws IllegalArgumentException when no route fits, saying what to set
     */
    static Route of(AnthropicConfig config) {
        if (config.provider().signsWithAws()) {
            // Signed by the default chain: the provider when it is asked for, or when the environment names credentials.
            return config.offline().orElse(!namesAwsCredentials()) ? OFFLINE_SIMULATOR : API;
        }
        if (config.offline().isPresent()) {
            if (config.offline().get()) {
                return OFFLINE_SIMULATOR;
            }
            return withKey(config, "anthropic.offline is false, but there is no API key: set ANTHROPIC_API_KEY "
                    + "(evaluate does not read Secrets Manager)");
        }
        if (config.baseUrl().filter(Route::pointsElsewhere).isPresent()) {
            return withKey(config, "anthropic.base-url is " + config.baseUrl().get() + ", not the API, and there is no "
                    + "API key: set ANTHROPIC_API_KEY for it, or unset the base URL to answer from the offline "
                    + "simulator");
        }
        return config.apiKey().isPresent() ? API : OFFLINE_SIMULATOR;
    }

    private static boolean namesAwsCredentials() {
        return System.getenv("AWS_ACCESS_KEY_ID") != null || System.getenv("AWS_PROFILE") != null;
    }

    private static Route withKey(AnthropicConfig config, String problem) {
        if (config.apiKey().isEmpty()) {
            throw new IllegalArgumentException(problem);
        }
        return API;
    }

    private static boolean pointsElsewhere(URI baseUrl) {
        return !baseUrl.toString().replaceAll("/+$", "").equals(AnthropicConfig.DEFAULT_BASE_URL);
    }
}
