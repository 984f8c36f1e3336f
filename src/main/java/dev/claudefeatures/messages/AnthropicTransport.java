package dev.claudefeatures.messages;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one way this project reaches the Anthropic API: messages, streams, {@code count_tokens},
 * batches and the {@code evaluate} command all go through it. It owns the base URL (the current
 * {@link AnthropicEndpoint}'s), the key, the {@code anthropic-version} and {@code anthropic-beta}
 * headers, the timeouts ({@code anthropic.timeout} per attempt, {@code anthropic.connect-timeout}),
 * the retries ({@link RetryPolicy}, as the official SDKs retry), the key's re-read after a 401 and
 * the key's redaction from every error. Each call leaves in its provider's form
 * ({@link ProviderRequests}: the API's, or Claude Platform on AWS's and Bedrock's, signed with
 * SigV4), and Bedrock's event stream is read back as the API's ({@link EventStreamDecoder}). Two
 * ways of calling: {@link #send} (one JSON answer) and {@link #stream} (server-sent events, handed
 * on as they arrive).
 *
 * <p>On the JDK's {@link HttpURLConnection}: each exchange runs on the calling thread, with the
 * JDK's keep-alive cache, over HTTP/1.1. Not the typed Quarkus REST client: the {@code evaluate}
 * command runs outside Quarkus, where that client cannot run, and its Vert.x exchange costs two
 * thread hops per call: a call took 1.0 ms p50 on it, 0.4 ms on this transport (InvocationBenchmark
 * (b), loopback). Not the JDK's {@code HttpClient} either:
 * it hands each exchange to its selector and executor threads, 23 % of a warm invocation's CPU
 * samples; on this one the packaged function's invocation took 2.2 ms p50 where it took 3.3 ms
 * (docs/PERFORMANCE.md, "One transport").
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
    private final ProviderRequests provider;
    /** Ends an attempt or a stream at its time: reading blocks, so something else has to end it. */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "anthropic-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    public AnthropicTransport(AnthropicConfig config, AnthropicEndpoint endpoint, BedrockModels bedrockModels,
            ObjectMapper json, Sleeper sleeper, Ticker ticker) {
        this.config = config;
        this.provider = new ProviderRequests(config, bedrockModels, json);
        this.endpoint = endpoint;
        this.json = json;
        this.ticker = ticker;
        this.retrier = new Retrier(new RetryPolicy(config.maxRetries(), ThreadLocalRandom.current()::nextDouble,
                Clock.systemUTC()), sleeper, config.timeout());
        this.configuredBetas = config.betas().orElse(List.of());
    }

    /** With a mapper that reads what the API may add to its answers (unknown fields) without failing. */
    public AnthropicTransport(AnthropicConfig config, AnthropicEndpoint endpoint, BedrockModels bedrockModels) {
        this(config, endpoint, bedrockModels, lenientJson(), Sleeper.THREAD, Ticker.SYSTEM);
    }

    /** For the API and Claude Platform on AWS, which take the API's model ids as they are. */
    public AnthropicTransport(AnthropicConfig config, AnthropicEndpoint endpoint) {
        this(config, endpoint, BedrockModels.NONE);
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
        Retrier.Outcome<Answered> outcome = retrier.run(timeout -> attempt(call, timeout), deadline);
        return new Received<>(read(outcome.value().body(), type), outcome.value().requestId(), outcome.attempts(),
                outcome.elapsed());
    }

    /** A whole answer of one attempt, in the API's own form. */
    private record Answered(byte[] body, String requestId) {
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
        Retrier.Outcome<HttpURLConnection> opened = retrier.run(timeout -> open(call, timeout), deadline);
        HttpURLConnection connection = opened.value();
        String requestId = requestId(connection);
        cancellation.onCancel(connection::disconnect);
        ScheduledFuture<?> timer = deadlines.schedule(connection::disconnect,
                Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS);
        try (InputStream body = connection.getInputStream()) {
            reader.opened(requestId);
            EventDecoder decoder = EVENT_STREAM.equals(connection.getContentType()) ? new EventStreamDecoder(json)::feed
                    : new SseDecoder()::feed;
            byte[] buffer = new byte[8192];
            for (int read; (read = body.read(buffer)) >= 0;) {
                for (SseDecoder.Event event : decoder.feed(buffer, 0, read)) {
                    reader.event(event);
                }
            }
            return new Received<>(null, requestId, opened.attempts(), deadline.since(start));
        } catch (AnthropicException failure) {
            connection.disconnect();
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

    /** Bedrock's framing of a streamed answer; anything else is read as server-sent events. */
    private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    /** Server-sent events or Bedrock's event stream, read as the API's stream events. */
    @FunctionalInterface
    private interface EventDecoder {
        List<SseDecoder.Event> feed(byte[] chunk, int offset, int length);
    }

    /**
     * One attempt, on this thread, given up (its connection closed) after {@code timeout}: the
     * socket's own timeouts cover each connect and read, the timer the attempt as a whole.
     */
    private Answered attempt(Call call, Duration timeout) {
        ProviderRequests.Outgoing outgoing = provider.prepare(call, false, betas(call.betas()), endpoint);
        HttpURLConnection connection = connection(outgoing, timeout);
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> timer = deadlines.schedule(() -> {
            late.set(true);
            connection.disconnect();
        }, Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        try {
            send(connection, outgoing);
            int status = connection.getResponseCode();
            if (status / 100 != 2) {
                throw rejected(status, connection, readError(connection.getErrorStream()));
            }
            try (InputStream body = connection.getInputStream()) {
                return new Answered(asTheApis(body.readAllBytes(), outgoing.answer()), requestId(connection));
            }
        } catch (IOException failed) {
            throw late.get() ? new AnthropicTransportException("the Anthropic API did not answer in time", failed, true)
                    : unanswered(failed);
        } finally {
            timer.cancel(false);
        }
    }

    /** One attempt at opening a stream: a 200 with its body still to read, or the API's error. */
    private HttpURLConnection open(Call call, Duration timeout) {
        ProviderRequests.Outgoing outgoing = provider.prepare(call, true, betas(call.betas()), endpoint);
        HttpURLConnection connection = connection(outgoing, timeout);
        try {
            // The socket's timeouts bound the connect and the wait for the head; the body is the deadline's.
            send(connection, outgoing);
            int status = connection.getResponseCode();
            if (status / 100 != 2) {
                throw rejected(status, connection, readError(connection.getErrorStream()));
            }
            return connection;
        } catch (IOException failed) {
            connection.disconnect();
            throw unanswered(failed);
        }
    }

    private HttpURLConnection connection(ProviderRequests.Outgoing outgoing, Duration timeout) {
        try {
            HttpURLConnection connection = (HttpURLConnection) outgoing.uri().toURL().openConnection();
            connection.setConnectTimeout((int) Math.max(1, Math.min(config.connectTimeout().toMillis(),
                    timeout.toMillis())));
            connection.setReadTimeout((int) Math.max(1, timeout.toMillis()));
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestMethod(outgoing.method());
            outgoing.headers().forEach(connection::setRequestProperty);
            return connection;
        } catch (IOException | IllegalArgumentException notAUrl) {
            throw new AnthropicTransportException("could not reach the Anthropic API at " + outgoing.uri(), notAUrl,
                    false);
        }
    }

    /** Writes the request's body, if it has one; connecting on the way. */
    private static void send(HttpURLConnection connection, ProviderRequests.Outgoing outgoing) throws IOException {
        if (outgoing.body() == null) {
            connection.connect();
            return;
        }
        connection.setDoOutput(true);
        // Not in streaming mode: buffered, the body leaves with the head in one write, where a
        // second small write would wait on the first's acknowledgement (Nagle).
        try (OutputStream out = connection.getOutputStream()) {
            out.write(outgoing.body());
        }
    }

    /** The API's request id, or Bedrock's. */
    private static String requestId(HttpURLConnection connection) {
        String id = connection.getHeaderField("request-id");
        return id != null ? id : connection.getHeaderField("x-amzn-requestid");
    }

    /** An answer in the API's own form: Bedrock's token count renamed. */
    private byte[] asTheApis(byte[] body, ProviderRequests.Answer answer) throws IOException {
        if (answer == ProviderRequests.Answer.AS_IS) {
            return body;
        }
        return json.writeValueAsBytes(java.util.Map.of("input_tokens", json.readTree(body).path("inputTokens").asInt()));
    }

    /** The configured betas and the call's own, each once, comma-separated; null when there are none. */
    String betas(Set<String> needed) {
        Set<String> all = new LinkedHashSet<>(configuredBetas);
        all.addAll(needed);
        return all.isEmpty() ? null : String.join(",", all);
    }

    /** A failure that is not the API's answer: timeouts are told apart by their type. */
    static AnthropicTransportException unanswered(Throwable failure) {
        if (failure instanceof SocketTimeoutException slow) { // the connect's and each read's
            return new AnthropicTransportException("the Anthropic API did not answer in time", slow, true);
        }
        return new AnthropicTransportException("could not reach the Anthropic API", failure, false);
    }

    /**
     * The API's error answer, as the exception of its meaning, without the key; a 401 has the key
     * read anew. A signed call sent no key, and its secret never leaves the credentials.
     */
    private AnthropicApiException rejected(int status, HttpURLConnection connection, String body) {
        AnthropicApiException failure = ApiErrors.of(status, connection::getHeaderField, body);
        if (config.provider().signsWithAws()) {
            return failure;
        }
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

    /** At most {@value #ERROR_BODY_LIMIT} bytes of an error body; none when there is none. */
    private static String readError(InputStream body) {
        if (body == null) {
            return "";
        }
        try (body) {
            return new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            return "";
        }
    }

    /** Stops the timers' thread. */
    public void close() {
        deadlines.shutdownNow();
    }
}
