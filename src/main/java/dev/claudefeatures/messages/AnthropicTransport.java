package dev.claudefeatures.messages;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one way this project reaches the Anthropic API: messages, streams, {@code count_tokens},
 * batches and the {@code evaluate} command all go through it. It owns the base URL (the current
 * {@link AnthropicEndpoint}'s), the key, the {@code anthropic-version} and {@code anthropic-beta}
 * headers, the timeouts ({@code anthropic.timeout} per attempt, {@code anthropic.connect-timeout}),
 * the retries ({@link RetryPolicy}, as the official SDKs retry), the key's re-read after a 401 and
 * the key's redaction from every error. Two ways of calling: {@link #send} (one JSON answer) and
 * {@link #stream} (server-sent events, handed on as they arrive).
 *
 * <p>On the JDK's {@link HttpClient}, not the typed Quarkus REST client: the {@code evaluate}
 * command runs outside Quarkus, where that client cannot run, and on the warm path the REST client
 * cost more per call than this one (docs/PERFORMANCE.md, "One transport": {@code InvocationBenchmark}
 * (b) before and after).
 */
public final class AnthropicTransport {

    /** At most this much of an error body is read: an error is short, a proxy's page need not be read whole. */
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    /** One request: a path under the base URL or a whole URL the API gave (a batch's results), a JSON body or none. */
    public record Call(String method, String path, Object body, Set<String> betas) {

        public static Call post(String path, Object body) {
            return new Call("POST", path, body, Set.of());
        }

        public static Call get(String pathOrUrl) {
            return new Call("GET", pathOrUrl, null, Set.of());
        }

        /** This call with the {@code anthropic-beta} names it needs besides the configured ones. */
        public Call withBetas(Set<String> needed) {
            return new Call(method, path, body, needed);
        }
    }

    /** An answer: its body, its request id, the attempts it took and the time from the first attempt to it. */
    public record Received<T>(T body, String requestId, int attempts, Duration elapsed) {
    }

    /** What a stream's events go to, on the calling thread, as they arrive. */
    public interface StreamReader {

        /** The stream is open (a 200); {@code requestId} may be null. */
        void opened(String requestId);

        /** One event; an {@link AnthropicException} thrown here ends the stream with it. */
        void event(SseDecoder.Event event);
    }

    private final AnthropicConfig config;
    private final AnthropicEndpoint endpoint;
    private final ObjectMapper json;
    private final Retrier retrier;
    private final Ticker ticker;
    private final List<String> configuredBetas;
    /** Closes a stream at its deadline: reading blocks, so something else has to end it. */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "anthropic-stream-deadlines");
        thread.setDaemon(true);
        return thread;
    });
    private volatile HttpClient http;

    public AnthropicTransport(AnthropicConfig config, AnthropicEndpoint endpoint, ObjectMapper json, Sleeper sleeper,
            Ticker ticker) {
        this.config = config;
        this.endpoint = endpoint;
        this.json = json;
        this.ticker = ticker;
        this.retrier = new Retrier(new RetryPolicy(config.maxRetries(), ThreadLocalRandom.current()::nextDouble,
                Clock.systemUTC()), sleeper, config.timeout());
        this.configuredBetas = config.betas().orElse(List.of());
    }

    /** With a mapper that reads what the API may add to its answers (unknown fields) without failing. */
    public AnthropicTransport(AnthropicConfig config, AnthropicEndpoint endpoint) {
        this(config, endpoint, lenientJson(), Sleeper.THREAD, Ticker.SYSTEM);
    }

    /** A mapper as Quarkus configures its own: unknown fields are ignored. */
    public static ObjectMapper lenientJson() {
        return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** A deadline of {@code anthropic.deadline} from now, on this transport's ticker. */
    public Deadline deadline() {
        return Deadline.after(config.deadline(), ticker);
    }

    /** A deadline of {@code budget} from now, on this transport's ticker. */
    public Deadline deadline(Duration budget) {
        return Deadline.after(budget, ticker);
    }

    /**
     * Sends {@code call} and reads its answer as {@code type} ({@link String} for the body as text),
     * retrying where the official SDKs would, all by {@code deadline}. An error status leaves as the
     * {@link AnthropicApiException} of its meaning; a 200 that cannot be read as {@code type} as an
     * {@link AnthropicResponseException}; no answer as an {@link AnthropicTransportException}.
     */
    public <T> Received<T> send(Call call, Class<T> type, Deadline deadline) {
        Retrier.Outcome<HttpResponse<byte[]>> outcome = retrier.run(timeout -> attempt(call, timeout), deadline);
        HttpResponse<byte[]> response = outcome.value();
        return new Received<>(read(response.body(), type), requestId(response.headers()), outcome.attempts(),
                outcome.elapsed());
    }

    /**
     * Sends {@code call} with {@code stream: true} and hands each server-sent event to
     * {@code reader} as it arrives, until the stream ends. Opening is retried as the official SDKs
     * retry it (an error status before any event); a stream that fails midway is not, since what
     * it said has already been handed on. Ends by {@code deadline}; {@code cancellation} closes the
     * stream from any thread.
     *
     * @return the stream's request id, the attempts it took to open and its time in all
     */
    public Received<Void> stream(Call call, Deadline deadline, StreamReader reader, StreamCancellation cancellation) {
        long start = deadline.ticker().nanoTime();
        Retrier.Outcome<HttpResponse<InputStream>> opened = retrier.run(timeout -> open(call, timeout), deadline);
        HttpResponse<InputStream> response = opened.value();
        String requestId = requestId(response.headers());
        InputStream body = response.body();
        cancellation.onCancel(() -> closeQuietly(body));
        ScheduledFuture<?> timer = deadlines.schedule(() -> closeQuietly(body),
                Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS);
        try (body) {
            reader.opened(requestId);
            SseDecoder decoder = new SseDecoder();
            byte[] buffer = new byte[8192];
            for (int read; (read = body.read(buffer)) >= 0;) {
                for (SseDecoder.Event event : decoder.feed(buffer, 0, read)) {
                    reader.event(event);
                }
            }
            return new Received<>(null, requestId, opened.attempts(), deadline.since(start));
        } catch (AnthropicException failure) {
            throw failure.after(new CallHistory(opened.attempts(), deadline.since(start), null));
        } catch (IOException broken) {
            AnthropicTransportException failure;
            if (cancellation.cancelled()) {
                failure = AnthropicTransportException.cancelled(broken);
            } else {
                boolean timedOut = deadline.remaining().toMillis() < 1; // the timer rounds the time left down to the millisecond
                failure = new AnthropicTransportException(timedOut ? "the stream did not end within the request's "
                        + "deadline" : "the stream broke off", broken, timedOut);
            }
            throw failure.after(new CallHistory(opened.attempts(), deadline.since(start), null));
        } finally {
            timer.cancel(false);
        }
    }

    /** Builds the HTTP client now, so that the first call does not pay for it (priming calls it). */
    public void prepare() {
        http();
    }

    /**
     * Closes the connections kept open, e.g. to the offline simulator once priming is done with
     * it, so that no snapshot holds them; the next call opens what it needs.
     */
    public void closeConnections() {
        HttpClient open;
        synchronized (this) {
            open = http;
            http = null;
        }
        // HttpClient is AutoCloseable from Java 21, the runtime Lambda runs; on 17 it is left to the collector.
        if (open instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // a client that cannot close leaves only idle connections behind
            }
        }
    }

    /** One attempt, given up (and its exchange cancelled) after {@code timeout}. */
    private HttpResponse<byte[]> attempt(Call call, Duration timeout) {
        CompletableFuture<HttpResponse<byte[]>> pending = http().sendAsync(request(call, timeout, "application/json"),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException slow) {
            pending.cancel(true);
            throw new AnthropicTransportException("the Anthropic API did not answer in time", slow, true);
        } catch (ExecutionException failed) {
            throw unanswered(failed.getCause());
        } catch (CancellationException | InterruptedException interrupted) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new AnthropicTransportException("interrupted before the Anthropic API answered", interrupted, false);
        }
        if (response.statusCode() / 100 != 2) {
            throw rejected(response.statusCode(), response.headers(),
                    new String(response.body(), 0, Math.min(response.body().length, ERROR_BODY_LIMIT),
                            StandardCharsets.UTF_8));
        }
        return response;
    }

    /** One attempt at opening a stream: a 200 with its body still to read, or the API's error. */
    private HttpResponse<InputStream> open(Call call, Duration timeout) {
        HttpResponse<InputStream> response;
        try {
            // The request's timeout ends with the response's head: the body is the deadline's to end.
            response = http().send(request(streaming(call), timeout, "text/event-stream"),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException failed) {
            throw unanswered(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AnthropicTransportException("interrupted before the Anthropic API answered", interrupted, false);
        }
        if (response.statusCode() / 100 != 2) {
            throw rejected(response.statusCode(), response.headers(), readError(response.body()));
        }
        return response;
    }

    private Call streaming(Call call) {
        ObjectNode body = json.valueToTree(call.body());
        body.put("stream", true);
        return new Call(call.method(), call.path(), body, call.betas());
    }

    private HttpRequest request(Call call, Duration timeout, String accept) {
        URI baseUri = endpoint.baseUri();
        URI uri = call.path().startsWith("/") ? URI.create(baseUri.toString().replaceAll("/$", "") + call.path())
                : URI.create(call.path());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                // Per request, since the endpoint can change (priming's simulator, then the API):
                // plain HTTP is the simulator's, with no h2c upgrade to negotiate.
                .version("http".equals(uri.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
                .timeout(timeout)
                .header("accept", accept)
                .header("x-api-key", endpoint.apiKey())
                .header("anthropic-version", config.version().wireName());
        String betas = betas(call.betas());
        if (betas != null) {
            request.header("anthropic-beta", betas);
        }
        if (call.body() == null) {
            return request.method(call.method(), HttpRequest.BodyPublishers.noBody()).build();
        }
        return request.header("content-type", "application/json")
                .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(write(call.body()))).build();
    }

    /** The configured betas and the call's own, each once, comma-separated; null when there are none. */
    String betas(Set<String> needed) {
        Set<String> all = new LinkedHashSet<>(configuredBetas);
        all.addAll(needed);
        return all.isEmpty() ? null : String.join(",", all);
    }

    /** A failure that is not the API's answer: timeouts are told apart by their type. */
    static AnthropicTransportException unanswered(Throwable failure) {
        if (failure instanceof HttpTimeoutException slow) { // a connect timeout is one too
            return new AnthropicTransportException("the Anthropic API did not answer in time", slow, true);
        }
        return new AnthropicTransportException("could not reach the Anthropic API", failure, false);
    }

    /** The API's error answer, as the exception of its meaning, without the key; a 401 has the key read anew. */
    private AnthropicApiException rejected(int status, HttpHeaders headers, String body) {
        AnthropicApiException failure = ApiErrors.of(status, name -> headers.firstValue(name).orElse(null), body);
        if (failure instanceof AnthropicApiException.Authentication) {
            endpoint.keyRejected();
        }
        return failure.redacted(endpoint.apiKey());
    }

    @SuppressWarnings("unchecked")
    private <T> T read(byte[] body, Class<T> type) {
        if (type == String.class) {
            return (T) new String(body, StandardCharsets.UTF_8);
        }
        try {
            return json.readValue(body, type);
        } catch (IOException notJson) {
            // The API answered, but a body that is cut short or not JSON is not an answer.
            throw new AnthropicResponseException("the API answered 200 with a body that is not a message", null,
                    null, notJson);
        }
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a request could not be written as JSON", e);
        }
    }

    private static String requestId(HttpHeaders headers) {
        return headers.firstValue("request-id").orElse(null);
    }

    private static String readError(InputStream body) {
        try (body) {
            return new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
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

    /** Stops the stream deadlines' thread. */
    public void close() {
        deadlines.shutdownNow();
        closeConnections();
    }
}
