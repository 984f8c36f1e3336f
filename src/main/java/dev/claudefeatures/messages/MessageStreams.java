package dev.claudefeatures.messages;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Streamed Messages API calls ({@code stream: true}): each text delta handed on as it arrives,
 * the whole message built by a {@link MessageAccumulator}. The opening request is retried as the
 * official SDKs retry it (an error status before any event); a stream that fails midway is not,
 * since its text has already gone out: the failure carries the usage reported so far.
 *
 * <p>On the JDK's HTTP client rather than the REST client: the bytes must reach the
 * {@link SseDecoder} as they arrive, and a caller that leaves must be able to close the
 * connection at once ({@link StreamCancellation}).
 */
@ApplicationScoped
public class MessageStreams {

    private final AnthropicConfig config;
    private final AnthropicEndpoint endpoint;
    private final ObjectMapper json;
    private final Retrier retrier;
    private final String betas;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "anthropic-stream-deadlines");
        thread.setDaemon(true);
        return thread;
    });
    private volatile HttpClient http;

    @Inject
    public MessageStreams(AnthropicConfig config, AnthropicEndpoint endpoint, ObjectMapper json) {
        this.config = config;
        this.endpoint = endpoint;
        this.json = json;
        this.retrier = MessagesClient.retrier(config, Sleeper.THREAD);
        this.betas = MessagesClient.configuredBetas(config);
    }

    /**
     * Streams {@code request}, handing each text delta to {@code onText} on this thread, and
     * returns once the message is complete. Ends by {@code deadline}; {@code cancellation} closes
     * the stream from any thread.
     */
    public MessageCall stream(MessageRequest request, Deadline deadline, Consumer<String> onText,
            StreamCancellation cancellation) {
        long start = deadline.ticker().nanoTime();
        Retrier.Outcome<HttpResponse<InputStream>> opened = retrier.run(timeout -> open(request, timeout), deadline);
        HttpResponse<InputStream> response = opened.value();
        String requestId = response.headers().firstValue("request-id").orElse(null);
        MessageAccumulator accumulator = new MessageAccumulator(json, onText, requestId);
        InputStream body = response.body();
        cancellation.onCancel(() -> closeQuietly(body));
        ScheduledFuture<?> timer = deadlines.schedule(() -> closeQuietly(body),
                Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS);
        try (body) {
            read(body, accumulator, requestId);
            return new MessageCall(accumulator.message(), requestId, opened.attempts(), deadline.since(start));
        } catch (AnthropicException failure) {
            throw midway(failure, accumulator, opened.attempts(), deadline.since(start));
        } catch (IOException broken) {
            if (cancellation.cancelled()) {
                throw midway(AnthropicTransportException.cancelled(broken), accumulator, opened.attempts(), deadline.since(start));
            }
            boolean timedOut = deadline.remaining().toMillis() < 1; // the timer rounds the time left down to the millisecond
            throw midway(new AnthropicTransportException(timedOut ? "the stream did not end within the request's "
                    + "deadline" : "the stream broke off", broken, timedOut), accumulator, opened.attempts(), deadline.since(start));
        } finally {
            timer.cancel(false);
        }
    }

    private void read(InputStream body, MessageAccumulator accumulator, String requestId) throws IOException {
        SseDecoder decoder = new SseDecoder();
        byte[] buffer = new byte[8192];
        for (int read; (read = body.read(buffer)) >= 0;) {
            for (SseDecoder.Event event : decoder.feed(buffer, 0, read)) {
                accumulator.accept(StreamEvent.of(event, json, requestId));
            }
        }
    }

    private AnthropicException midway(AnthropicException failure, MessageAccumulator accumulator, int attempts,
            Duration elapsed) {
        return failure.after(new CallHistory(attempts, elapsed, accumulator.usage()));
    }

    /** One attempt at opening the stream: a 200 with its body still to read, or the API's error. */
    private HttpResponse<InputStream> open(MessageRequest request, Duration timeout) {
        URI baseUri = endpoint.baseUri();
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(baseUri.toString().replaceAll("/$", "")
                + "/v1/messages"))
                // Per request, since the endpoint can change (priming's simulator, then the API):
                // plain HTTP is the simulator's, with no h2c upgrade to negotiate.
                .version("http".equals(baseUri.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .timeout(timeout)
                .header("content-type", "application/json")
                .header("accept", "text/event-stream")
                .header("x-api-key", endpoint.apiKey())
                .header("anthropic-version", config.version().wireName())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(request)));
        String requestBetas = MessagesClient.betasFor(betas, request);
        if (requestBetas != null) {
            post.header("anthropic-beta", requestBetas);
        }
        HttpResponse<InputStream> response;
        try {
            response = http().send(post.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException slow) {
            throw new AnthropicTransportException("the Anthropic API did not answer in time", slow, true);
        } catch (IOException unreachable) {
            throw new AnthropicTransportException("could not reach the Anthropic API", unreachable, false);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AnthropicTransportException("interrupted before the Anthropic API answered", interrupted, false);
        }
        if (response.statusCode() != 200) {
            String error = readError(response);
            AnthropicApiException failure = ApiErrorMapper.of(response.statusCode(), null,
                    name -> response.headers().firstValue(name).orElse(null), error);
            if (failure instanceof AnthropicApiException.Authentication) {
                endpoint.keyRejected();
            }
            throw failure.redacted(endpoint.apiKey());
        }
        return response;
    }

    private byte[] body(MessageRequest request) {
        ObjectNode body = json.valueToTree(request);
        body.put("stream", true);
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a planned request could not be written as JSON", e);
        }
    }

    /** At most 64 KB of an error body: an error is short, a proxy's page need not be read whole. */
    private static String readError(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return "";
        }
    }

    private HttpClient http() {
        HttpClient built = http;
        if (built == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
                }
                built = http;
            }
        }
        return built;
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing is all that is wanted; the reader sees the stream end
        }
    }

    @PreDestroy
    void close() {
        deadlines.shutdownNow();
    }
}
