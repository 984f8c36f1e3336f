package dev.claudefeatures.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.testing.TestConfig;

/**
 * The simulator's API outside Quarkus, on a JDK HTTP server on loopback: an upstream for a
 * process under test (the packaged function) that must not run a simulator of its own. Error
 * faults queue as in {@link OfflineSimulator#failNext(Fault)}.
 */
public final class LoopbackSimulator implements AutoCloseable {

    private final SimulatedApi api;
    /** Every provider's routes, signatures checked against the simulator's default test credentials. */
    private final ProviderRoutes routes;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final Queue<SimulatedResponse> raw = new ConcurrentLinkedQueue<>();
    private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger streamsOpen = new java.util.concurrent.atomic.AtomicInteger();
    /** Between two events of a streamed answer, as {@code anthropic.simulator.stream-pace} in the application. */
    static final Duration STREAM_PACE = Duration.ofMillis(40);
    private final Duration streamPace;

    private LoopbackSimulator(Duration streamPace) throws IOException {
        this.streamPace = streamPace;
        ModelCatalog catalog = TestConfig.with(Map.of(), ModelCatalog.class).getConfigMapping(ModelCatalog.class);
        api = new SimulatedApi(catalog, new PromptCache(System::nanoTime), new ObjectMapper());
        SigV4Check sigV4 = SigV4Check.of(TestConfig.with(Map.of(), SimulatorConfig.class)
                .getConfigMapping(SimulatorConfig.class).aws(), java.time.Instant::now);
        routes = new ProviderRoutes(api, sigV4, new BedrockRoutes(api, sigV4, catalog, java.util.Set.of(),
                new ObjectMapper()));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(threads);
        server.start();
    }

    public static LoopbackSimulator start() throws IOException {
        return new LoopbackSimulator(STREAM_PACE);
    }

    /** @param streamPace between two events of a streamed answer; zero answers at once */
    public static LoopbackSimulator start(Duration streamPace) throws IOException {
        return new LoopbackSimulator(streamPace);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answers the next request with {@code fault}: its error, or a normal answer, after its delay. */
    public void failNext(Fault fault) {
        faults.add(fault);
    }

    /** Answers the next request with exactly this status and body, whatever it asked. */
    public void answerNextRaw(int status, String body) {
        raw.add(new SimulatedResponse(status, Map.of("content-type", "application/json", "request-id", "req_raw"), body));
    }

    /** Drops the faults and raw answers no request has taken, and says how many there were. */
    public int clear() {
        int unused = faults.size() + raw.size();
        faults.clear();
        raw.clear();
        return unused;
    }

    public List<ReceivedRequest> received() {
        return List.copyOf(received);
    }

    /** How many streamed answers are being sent right now. */
    public int streamsOpen() {
        return streamsOpen.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new HashMap<>();
        Map<String, List<String>> allHeaders = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            allHeaders.put(name.toLowerCase(Locale.ROOT), List.copyOf(values));
        });
        String path = exchange.getRequestURI().getRawPath();
        received.add(new ReceivedRequest(path, Map.copyOf(headers), new String(body, java.nio.charset.StandardCharsets.UTF_8)));
        SimulatedResponse scripted = raw.poll();
        Fault fault = scripted == null ? faults.poll() : null;
        SimulatedResponse answer = scripted != null ? scripted : routes.answer(new WireRequest(exchange.getRequestMethod(),
                path, exchange.getRequestURI().getRawQuery(), allHeaders, body), fault);
        if (fault != null && !fault.delay().isZero()) {
            try {
                Thread.sleep(fault.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        answer.headers().forEach(exchange.getResponseHeaders()::add);
        if (answer.isStream()) {
            stream(exchange, answer);
            return;
        }
        byte[] bytes = answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException clientGone) {
            // The caller gave up (its deadline passed) while the answer was delayed.
        } finally {
            exchange.close();
        }
    }

    /** The frames one at a time, {@link #streamPace} apart, each flushed. */
    private void stream(HttpExchange exchange, SimulatedResponse answer) {
        streamsOpen.incrementAndGet();
        try {
            exchange.sendResponseHeaders(200, 0);
            for (byte[] frame : answer.chunks()) {
                exchange.getResponseBody().write(frame);
                exchange.getResponseBody().flush();
                if (!streamPace.isZero()) {
                    Thread.sleep(streamPace.toMillis());
                }
            }
        } catch (IOException clientGone) {
            // the caller left mid-stream
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            streamsOpen.decrementAndGet();
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
