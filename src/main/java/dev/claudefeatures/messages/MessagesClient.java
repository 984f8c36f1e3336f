package dev.claudefeatures.messages;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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

    /**
     * Sent with a request that carries {@code diagnostics}: some pages of the API's documentation
     * list the field as beta behind this name, others as GA; the header does no harm where GA.
     */
    static final String CACHE_DIAGNOSIS_BETA = "cache-diagnosis-2026-04-07";

    private final AnthropicConfig config;
    private final AnthropicEndpoint endpoint;
    private final Retrier retrier;
    private final Ticker ticker;
    private final String betas;
    private final java.util.Map<URI, MessagesApi> apis = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    public MessagesClient(AnthropicConfig config, AnthropicEndpoint endpoint, Ticker ticker) {
        this(config, endpoint, Sleeper.THREAD, ticker);
    }

    public MessagesClient(AnthropicConfig config, AnthropicEndpoint endpoint) {
        this(config, endpoint, Sleeper.THREAD, Ticker.SYSTEM);
    }

    MessagesClient(AnthropicConfig config, AnthropicEndpoint endpoint, Sleeper sleeper) {
        this(config, endpoint, sleeper, Ticker.SYSTEM);
    }

    private MessagesClient(AnthropicConfig config, AnthropicEndpoint endpoint, Sleeper sleeper, Ticker ticker) {
        this.config = config;
        this.endpoint = endpoint;
        this.ticker = ticker;
        this.retrier = retrier(config, sleeper);
        this.betas = configuredBetas(config);
    }

    /** The retries of {@code anthropic.*}, as the official SDKs make them; streamed calls share them. */
    static Retrier retrier(AnthropicConfig config, Sleeper sleeper) {
        return new Retrier(new RetryPolicy(config.maxRetries(), ThreadLocalRandom.current()::nextDouble,
                Clock.systemUTC()), sleeper, config.timeout());
    }

    /** {@code anthropic.betas} as the header's value, or null. */
    static String configuredBetas(AnthropicConfig config) {
        return config.betas().map(names -> String.join(",", names)).orElse(null);
    }

    /** A call with a deadline of its own: {@code anthropic.deadline} from now. */
    public MessageCall create(MessageRequest request) {
        return create(request, Deadline.after(config.deadline(), ticker));
    }

    /** A call that ends, retries included, by {@code deadline}. */
    public MessageCall create(MessageRequest request, Deadline deadline) {
        String requestBetas = betasFor(betas, request);
        Retrier.Outcome<RestResponse<MessageResponse>> outcome = retrier.run(timeout -> usable(send(
                () -> api().create(endpoint.apiKey(), config.version().wireName(), requestBetas, request), timeout)),
                deadline);
        RestResponse<MessageResponse> response = outcome.value();
        return new MessageCall(response.getEntity(), response.getHeaderString("request-id"), outcome.attempts(),
                outcome.elapsed());
    }

    /** The configured betas, and the cache-diagnosis beta once where the request carries diagnostics. */
    static String betasFor(String configured, MessageRequest request) {
        if (request.diagnostics() == null) {
            return configured;
        }
        if (configured == null) {
            return CACHE_DIAGNOSIS_BETA;
        }
        return java.util.Arrays.asList(configured.split(",")).contains(CACHE_DIAGNOSIS_BETA) ? configured
                : configured + "," + CACHE_DIAGNOSIS_BETA;
    }

    /** A 200 is a message only with content, a stop reason and usage; anything less is refused here. */
    private static RestResponse<MessageResponse> usable(RestResponse<MessageResponse> response) {
        MessageResponse message = response.getEntity();
        String missing = message == null ? "a message"
                : message.stopReason() == null ? "stop_reason"
                : message.usage() == null ? "usage"
                : message.content() == null || message.content().isEmpty() ? "content" : null;
        if (missing != null) {
            throw new AnthropicResponseException("the API answered 200 without " + missing, message,
                    response.getHeaderString("request-id"), null);
        }
        return response;
    }

    public TokenCount countTokens(CountTokensRequest request) {
        return countTokens(request, Deadline.after(config.deadline(), ticker));
    }

    /**
     * Reads the key and opens the connection to the API before the first call needs them, with one
     * {@code count_tokens} request for {@code model}: free of charge, and recorded nowhere. A
     * failure is thrown; the first real call then tries again.
     */
    public void connect(String model, Duration within) {
        countTokens(new CountTokensRequest(model, List.of(Message.user("ping")), null, null, null, null, null),
                Deadline.after(within, ticker));
    }

    private TokenCount countTokens(CountTokensRequest request, Deadline deadline) {
        return retrier.run(timeout -> send(
                () -> api().countTokens(endpoint.apiKey(), config.version().wireName(), betas, request), timeout),
                deadline).value().getEntity();
    }

    /**
     * One attempt, given up (and its request cancelled) after {@code timeout}. Failures that are
     * not the API's own answer become {@link AnthropicTransportException}.
     */
    private <T> T send(Supplier<Uni<T>> attempt, Duration timeout) {
        try {
            return attempt.get().await().atMost(timeout);
        } catch (AnthropicApiException failure) {
            if (failure instanceof AnthropicApiException.Authentication) {
                endpoint.keyRejected();
            }
            throw failure.redacted(endpoint.apiKey());
        } catch (AnthropicException failure) {
            throw failure;
        } catch (RuntimeException failure) {
            if (causedBy(failure, com.fasterxml.jackson.core.JsonProcessingException.class)) {
                // A 200 whose body is not JSON, or is cut short: the API answered, but not a message.
                throw new AnthropicResponseException("the API answered 200 with a body that is not a message", null,
                        null, null);
            }
            boolean timedOut = causedByTimeout(failure);
            throw new AnthropicTransportException(
                    timedOut ? "the Anthropic API did not answer in time" : "could not reach the Anthropic API",
                    failure, timedOut);
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean causedByTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // Vert.x's read timeout is a java.util.concurrent.TimeoutException; a connect timeout is Netty's.
            if (cause instanceof TimeoutException || cause instanceof io.smallrye.mutiny.TimeoutException
                    || cause instanceof java.net.SocketTimeoutException
                    || cause instanceof io.netty.channel.ConnectTimeoutException
                    || cause instanceof io.netty.handler.timeout.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Built on first use for each endpoint the client is pointed at: the API (or, offline, the
     * simulator), and for a while, while priming, the simulator.
     */
    private MessagesApi api() {
        return apis.computeIfAbsent(endpoint.baseUri(), baseUri -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUri)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(MessagesApi.class));
    }

    /** Builds the REST client for the endpoint in use now, so that the first call finds it ready. */
    public void prepare() {
        api();
    }

    /** Closes the REST client of an endpoint that is no longer used (the simulator, after priming). */
    public void release(URI baseUri) {
        MessagesApi released = apis.remove(baseUri);
        if (released instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // A client that cannot close leaves only idle connections behind.
            }
        }
    }
}
