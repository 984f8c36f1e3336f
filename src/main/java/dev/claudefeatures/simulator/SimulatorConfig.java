package dev.claudefeatures.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code anthropic.simulator.*}: where the simulator listens when the application runs offline. */
@ConfigMapping(prefix = "anthropic.simulator")
public interface SimulatorConfig {

    /** Port of the simulator's HTTP server; 0 picks a free one (the tests do). */
    @WithDefault("8089")
    int port();

    /**
     * Added to every answer, to play a real API's latency in dev and in load runs (e.g.
     * {@code 800ms}); faults add their own delays on top.
     */
    @WithDefault("0s")
    Duration latency();

    /**
     * Between two events of a streamed answer, so that a developer sees the words arrive one
     * chunk at a time ({@code 0s}: as fast as the connection takes them).
     */
    @WithDefault("30ms")
    Duration streamPace();

    /** How long a message batch stays {@code in_progress} before it ends with its results. */
    @WithDefault("2s")
    Duration batchProcessing();

    /** Interface the simulator listens on. */
    @WithDefault("localhost")
    String host();

    /** {@code anthropic.simulator.aws.*}: the test credentials the AWS routes accept (SigV4). */
    Aws aws();

    /** {@code anthropic.simulator.bedrock.*}: the simulated Bedrock account. */
    Bedrock bedrock();

    interface Aws {

        /**
         * The one access key id accepted; another is a 403 {@code UnrecognizedClientException}.
         * AWS's documented example, as is the secret: test credentials, never real ones.
         */
        @WithDefault("AKIAIOSFODNN7EXAMPLE")
        String accessKeyId();

        /** The secret that signatures are checked with. */
        @WithDefault("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
        String secretAccessKey();

        /**
         * When set, the only {@code x-amz-security-token} accepted (and sent by the stand-in);
         * unset, any token or none.
         */
        Optional<String> sessionToken();
    }

    interface Bedrock {

        /**
         * Bedrock model ids the account has no access to: a call with one is a 403
         * {@code AccessDeniedException}, as for a model not enabled in the account.
         */
        Optional<List<String>> modelsWithoutAccess();
    }
}
