package dev.claudefeatures.messages;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * Calls the Messages API with the configured version, key, timeouts and retries. Every error
 * leaves as an {@link AnthropicException}; a success comes back as a {@link MessageCall}.
 */
@ApplicationScoped
public class MessagesClient {

    private final AnthropicConfig config;
    private final AnthropicEndpoint endpoint;
    private final Retrier retrier;
    private final String betas;
    private volatile MessagesApi api;

    @Inject
    public MessagesClient(AnthropicConfig config, AnthropicEndpoint endpoint) {
        this(config, endpoint, Sleeper.THREAD);
    }

    MessagesClient(AnthropicConfig config, AnthropicEndpoint endpoint, Sleeper sleeper) {
        this.config = config;
        this.endpoint = endpoint;
        this.retrier = new Retrier(
                new RetryPolicy(config.maxRetries(), ThreadLocalRandom.current()::nextDouble, Clock.systemUTC()),
                sleeper, System::nanoTime, config.timeout(), config.deadline());
        this.betas = config.betas().map(names -> String.join(",", names)).orElse(null);
    }

    public MessageCall create(MessageRequest request) {
        long start = System.nanoTime();
        Retrier.Outcome<RestResponse<MessageResponse>> outcome = retrier.run(() -> send(
                () -> api().create(endpoint.apiKey(), config.version().wireName(), betas, request)));
        RestResponse<MessageResponse> response = outcome.value();
        return new MessageCall(response.getEntity(), response.getHeaderString("request-id"), outcome.attempts(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    public TokenCount countTokens(CountTokensRequest request) {
        return retrier.run(() -> send(
                () -> api().countTokens(endpoint.apiKey(), config.version().wireName(), betas, request)))
                .value().getEntity();
    }

    /** One attempt; transport failures become {@link AnthropicTransportException}. */
    private <T> T send(Supplier<T> attempt) {
        try {
            return attempt.get();
        } catch (AnthropicApiException failure) {
            if (failure.status() == 401) {
                endpoint.keyRejected();
            }
            throw failure;
        } catch (ProcessingException failure) {
            boolean timedOut = causedByTimeout(failure);
            throw new AnthropicTransportException(
                    timedOut ? "the Anthropic API did not answer in time" : "could not reach the Anthropic API",
                    failure, timedOut);
        }
    }

    private static boolean causedByTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof java.net.SocketTimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    /** Built on first use, once the endpoint (the simulator, in dev) is known. */
    private MessagesApi api() {
        MessagesApi built = api;
        if (built == null) {
            synchronized (this) {
                if (api == null) {
                    api = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(endpoint.baseUri())
                            .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                            .build(MessagesApi.class);
                }
                built = api;
            }
        }
        return built;
    }
}
