package dev.claudefeatures.messages;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;

/**
 * Calls the Messages API with the configured version, key, timeouts and retries, inside a
 * {@link Deadline}. Every error leaves as an {@link AnthropicException}; a success comes back as
 * a {@link MessageCall}.
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
                sleeper, System::nanoTime, config.timeout());
        this.betas = config.betas().map(names -> String.join(",", names)).orElse(null);
    }

    /** A call with a deadline of its own: {@code anthropic.deadline} from now. */
    public MessageCall create(MessageRequest request) {
        return create(request, Deadline.after(config.deadline()));
    }

    /** A call that ends, retries included, by {@code deadline}. */
    public MessageCall create(MessageRequest request, Deadline deadline) {
        Retrier.Outcome<RestResponse<MessageResponse>> outcome = retrier.run(timeout -> send(
                () -> api().create(endpoint.apiKey(), config.version().wireName(), betas, request), timeout), deadline);
        RestResponse<MessageResponse> response = outcome.value();
        return new MessageCall(response.getEntity(), response.getHeaderString("request-id"), outcome.attempts(),
                outcome.elapsed());
    }

    public TokenCount countTokens(CountTokensRequest request) {
        return retrier.run(timeout -> send(
                () -> api().countTokens(endpoint.apiKey(), config.version().wireName(), betas, request), timeout),
                Deadline.after(config.deadline())).value().getEntity();
    }

    /**
     * One attempt, given up (and its request cancelled) after {@code timeout}. Failures that are
     * not the API's own answer become {@link AnthropicTransportException}.
     */
    private <T> T send(Supplier<Uni<T>> attempt, Duration timeout) {
        try {
            return attempt.get().await().atMost(timeout);
        } catch (AnthropicApiException failure) {
            if (failure.status() == 401) {
                endpoint.keyRejected();
            }
            throw failure;
        } catch (AnthropicException failure) {
            throw failure;
        } catch (RuntimeException failure) {
            boolean timedOut = causedByTimeout(failure);
            throw new AnthropicTransportException(
                    timedOut ? "the Anthropic API did not answer in time" : "could not reach the Anthropic API",
                    failure, timedOut);
        }
    }

    private static boolean causedByTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof io.smallrye.mutiny.TimeoutException
                    || cause instanceof java.net.SocketTimeoutException
                    || cause.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    /** Built on first use, once the endpoint (the simulator, offline) is known. */
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
