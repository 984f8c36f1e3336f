package dev.claudefeatures.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Lambda Runtime API on loopback, as far as a function's runtime uses it: {@code /next} hands
 * out the queued events with the headers Lambda sends, {@code /response} and {@code /error}
 * complete the invocation, {@code /init/error} records a failed start. A response posted in
 * streaming mode is read as a Function URL in RESPONSE_STREAM mode reads it: the JSON prelude up
 * to its eight NUL bytes, then the body as it arrives; when the first server-sent {@code delta}
 * event arrives, a probe of the upstream is read ({@link #FakeRuntimeApi(IntSupplier)}).
 *
 * <p>It also speaks the Extensions API: an extension registers during init (before the runtime's
 * first {@code /next}; later, it is refused as Lambda refuses it), then receives an {@code INVOKE}
 * event for each invocation from {@code /event/next}; its next call to {@code /event/next} says it
 * is done with that invocation. Lambda freezes the environment only once the runtime has answered
 * and every extension is done, so {@link #extensionsDone(String)} is the moment of the freeze.
 */
final class FakeRuntimeApi implements AutoCloseable {

    static final String FUNCTION_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:claude-features-prod-parity";
    private static final String PREFIX = "/2018-06-01/runtime";
    private static final Pattern INVOCATION = Pattern.compile(PREFIX + "/invocation/([^/]+)/(response|error)");

    /**
     * What the function answered to one event.
     *
     * @param streamed for a response posted in streaming mode, how it came; else null
     */
    record Result(String requestId, boolean error, String body, Streamed streamed) {
    }

    /** A streamed response: its content type and prelude, and the probe's reading at its first text. */
    record Streamed(String contentType, String prelude, int atFirstText) {
    }

    private record Pending(String requestId, String event, Duration timeout, CompletableFuture<Result> result) {
    }

    /** An extension as it registered: its name, the events it asked for, and its queue of invocations. */
    record Extension(String name, String events, BlockingQueue<Pending> invocations) {
    }

    private static final String EXTENSIONS = "/2020-01-01/extension";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<Pending> queued = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final CompletableFuture<Void> firstPoll = new CompletableFuture<>();
    private volatile long firstPollNanos;

    private final IntSupplier atFirstText;
    private final boolean extensionsApi;
    private final Map<String, Extension> extensions = new ConcurrentHashMap<>();
    /** Per extension, the invocation it was last given, until it asks for the next event. */
    private final Map<String, Pending> givenToExtension = new ConcurrentHashMap<>();
    /** Per invocation, how many registered extensions are still busy with it, and when they were all done. */
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> busyExtensions = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Long>> extensionsDone = new ConcurrentHashMap<>();
    private final Map<String, Long> postedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> deadlines = new ConcurrentHashMap<>();
    /** Lambda's trace header for each invocation: not sampled, unless a test traces the function. */
    private volatile String traceHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0";

    FakeRuntimeApi() throws IOException {
        this(() -> -1);
    }

    /** @param atFirstText read when a streamed response's first {@code delta} event arrives */
    FakeRuntimeApi(IntSupplier atFirstText) throws IOException {
        this(atFirstText, true);
    }

    /** @param extensionsApi false: registration is refused, as where the Extensions API is not offered */
    FakeRuntimeApi(IntSupplier atFirstText, boolean extensionsApi) throws IOException {
        this.atFirstText = atFirstText;
        this.extensionsApi = extensionsApi;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(PREFIX + "/invocation/next", this::next);
        server.createContext(PREFIX + "/invocation/", this::complete);
        server.createContext(PREFIX + "/init/error", exchange -> {
            initError.complete(body(exchange));
            answer(exchange, 202, "{}");
        });
        server.createContext(EXTENSIONS + "/register", this::register);
        server.createContext(EXTENSIONS + "/event/next", this::extensionNext);
        server.setExecutor(threads);
        server.start();
    }

    /** The extensions registered, by name. */
    Map<String, Extension> extensions() {
        return Map.copyOf(extensions);
    }

    /**
     * Completes, with its {@link System#nanoTime()}, when every extension registered has asked for
     * the event after invocation {@code requestId}: when Lambda could freeze the environment.
     */
    CompletableFuture<Long> extensionsDone(String requestId) {
        return extensionsDone.computeIfAbsent(requestId, id -> new CompletableFuture<>());
    }

    /** When the response of {@code requestId} had been read whole, in {@link System#nanoTime()}. */
    /** The {@code Lambda-Runtime-Trace-Id} of the invocations to come, as X-Ray's active tracing sets it. */
    void traceHeader(String header) {
        traceHeader = header;
    }

    long postedAt(String requestId) {
        return postedAt.get(requestId);
    }

    private void register(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestHeaders().getFirst("Lambda-Extension-Name");
        String events = body(exchange);
        if (!extensionsApi || firstPoll.isDone() || name == null) {
            answer(exchange, 403, "{\"errorType\":\"Extension.RegistrationNotAllowed\"}");
            return;
        }
        String id = UUID.randomUUID().toString();
        extensions.put(id, new Extension(name, events, new LinkedBlockingQueue<>()));
        exchange.getResponseHeaders().add("Lambda-Extension-Identifier", id);
        answer(exchange, 200, "{\"functionName\":\"claude-features-prod-parity\",\"functionVersion\":\"1\"}");
    }

    private void extensionNext(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestHeaders().getFirst("Lambda-Extension-Identifier");
        Extension extension = id == null ? null : extensions.get(id);
        if (extension == null) {
            answer(exchange, 403, "{\"errorType\":\"Extension.InvalidExtensionIdentifier\"}");
            return;
        }
        Pending done = givenToExtension.remove(id);
        if (done != null && busyExtensions.get(done.requestId()).decrementAndGet() == 0) {
            extensionsDone(done.requestId()).complete(System.nanoTime());
        }
        Pending pending = awaitNext(extension.invocations(), exchange);
        if (pending == null) {
            return;
        }
        givenToExtension.put(id, pending);
        answer(exchange, 200, "{\"eventType\":\"INVOKE\",\"deadlineMs\":" + deadlines.get(pending.requestId())
                + ",\"requestId\":\"" + pending.requestId() + "\",\"invokedFunctionArn\":\"" + FUNCTION_ARN
                + "\",\"tracing\":{\"type\":\"X-Amzn-Trace-Id\",\"value\":\"Root=1-5759e988-bd862e3fe1be46a994272793\"}}");
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Completes when the function asks for its first event: its init is over. */
    CompletableFuture<Void> firstPoll() {
        return firstPoll;
    }

    /** When the first {@code /next} arrived, in {@link System#nanoTime()}: the end of init. */
    long firstPollNanos() {
        return firstPollNanos;
    }

    CompletableFuture<String> initError() {
        return initError;
    }

    /** Queues an event; the invocation's deadline is {@code timeout} after the function takes it. */
    CompletableFuture<Result> invoke(String event, Duration timeout) {
        Pending pending = new Pending(UUID.randomUUID().toString(), event, timeout, new CompletableFuture<>());
        queued.add(pending);
        return pending.result();
    }

    private void next(HttpExchange exchange) throws IOException {
        if (!firstPoll.isDone()) {
            firstPollNanos = System.nanoTime();
            firstPoll.complete(null);
        }
        Pending pending = awaitNext(queued, exchange);
        if (pending == null) {
            return;
        }
        inFlight.put(pending.requestId(), pending);
        long deadline = System.currentTimeMillis() + pending.timeout().toMillis();
        deadlines.put(pending.requestId(), deadline);
        busyExtensions.put(pending.requestId(), new java.util.concurrent.atomic.AtomicInteger(extensions.size()));
        if (extensions.isEmpty()) {
            extensionsDone(pending.requestId()).complete(System.nanoTime());
        }
        extensions.values().forEach(extension -> extension.invocations().add(pending));
        var headers = exchange.getResponseHeaders();
        headers.add("Lambda-Runtime-Aws-Request-Id", pending.requestId());
        headers.add("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.add("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
        headers.add("Lambda-Runtime-Trace-Id", traceHeader);
        headers.add("Content-Type", "application/json");
        answer(exchange, 200, pending.event());
    }

    /** The next invocation of {@code queue}, as a long poll; null (the exchange closed) when none comes. */
    private static Pending awaitNext(BlockingQueue<Pending> queue, HttpExchange exchange) {
        try {
            Pending pending = queue.poll(5, TimeUnit.MINUTES);
            if (pending == null) {
                exchange.close();
            }
            return pending;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
            return null;
        }
    }

    private void complete(HttpExchange exchange) throws IOException {
        Matcher matcher = INVOCATION.matcher(exchange.getRequestURI().getPath());
        if (!matcher.matches() || !"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 404, "{\"errorType\":\"NotFound\"}");
            return;
        }
        boolean streaming = "streaming".equals(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Response-Mode"));
        ByteArrayOutputStream prelude = new ByteArrayOutputStream();
        int[] reading = {-1};
        String body = streaming ? streamedBody(exchange, prelude, reading) : body(exchange);
        Pending pending = inFlight.remove(matcher.group(1));
        if (pending == null) {
            answer(exchange, 400, "{\"errorType\":\"InvalidRequestID\"}");
            return;
        }
        postedAt.put(pending.requestId(), System.nanoTime());
        answer(exchange, 202, "{\"status\":\"OK\"}");
        Streamed streamed = streaming ? new Streamed(exchange.getRequestHeaders().getFirst("Content-Type"),
                prelude.toString(StandardCharsets.UTF_8), reading[0]) : null;
        pending.result().complete(new Result(pending.requestId(), "error".equals(matcher.group(2)), body, streamed));
    }

    /** The body after the prelude and its eight NUL bytes, read as it arrives. */
    private String streamedBody(HttpExchange exchange, ByteArrayOutputStream prelude, int[] reading) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int nuls = 0;
        byte[] buffer = new byte[1024];
        try (InputStream in = exchange.getRequestBody()) {
            for (int read; (read = in.read(buffer)) >= 0;) {
                for (int i = 0; i < read; i++) {
                    if (nuls == 8) {
                        body.write(buffer[i]);
                    } else if (buffer[i] == 0) {
                        nuls++;
                    } else {
                        prelude.write(buffer[i]);
                    }
                }
                if (reading[0] < 0 && body.toString(StandardCharsets.UTF_8).contains("event:delta")) {
                    reading[0] = atFirstText.getAsInt();
                }
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
