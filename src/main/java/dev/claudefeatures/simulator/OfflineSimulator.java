package dev.claudefeatures.simulator;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.policy.ModelCatalog;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The simulator's HTTP server, on its own port: the Lambda mock event server handles one request
 * at a time, so a feature calling a simulator behind it would wait on itself.
 */
@Singleton
public class OfflineSimulator {

    private static final Logger LOG = Logger.getLogger(OfflineSimulator.class);

    private final SimulatorConfig config;
    private final Vertx vertx;
    private final SimulatedApi api;
    private final ProviderRoutes routes;
    /** The last requests received, newest last; bounded so that a long dev session cannot grow it. */
    static final int RECEIVED_KEPT = 32;

    private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final Deque<ReceivedRequest> received = new ConcurrentLinkedDeque<>();
    private final AtomicLong receivedCount = new AtomicLong();
    private final AtomicLong streamsAbandoned = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger streamsOpen = new java.util.concurrent.atomic.AtomicInteger();
    private volatile HttpServer server;

    @Inject
    public OfflineSimulator(SimulatorConfig config, Vertx vertx, ModelCatalog catalog, ObjectMapper json) {
        this.config = config;
        this.vertx = vertx;
        this.api = new SimulatedApi(catalog, new PromptCache(System::nanoTime), json, config.batchProcessing());
        SigV4Check sigV4 = SigV4Check.of(config.aws(), Instant::now);
        this.routes = new ProviderRoutes(api, sigV4, new BedrockRoutes(api, sigV4, catalog,
                Set.copyOf(config.bedrock().modelsWithoutAccess().orElse(List.of())), json));
    }

    /** Starts the server once; later calls return the same address. */
    public synchronized URI start() {
        if (server == null) {
            try {
                server = vertx.createHttpServer()
                        .requestHandler(this::serve)
                        .listen(config.port(), config.host())
                        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the offline simulator could not listen on " + config.host() + ":"
                        + config.port() + " (anthropic.simulator.port)", e);
            }
        }
        return baseUri();
    }

    public boolean isRunning() {
        return server != null;
    }

    public URI baseUri() {
        return URI.create("http://" + config.host() + ":" + server.actualPort());
    }

    /** Answers the next request with {@code fault} instead of a message; faults queue in order. */
    public void failNext(Fault fault) {
        faults.add(fault);
    }

    /** The requests received lately, oldest first (at most {@value #RECEIVED_KEPT}). */
    public List<ReceivedRequest> received() {
        return List.copyOf(received);
    }

    /** How many requests have been received since start-up: a mark for {@link #receivedSince(long)}. */
    public long receivedCount() {
        return receivedCount.get();
    }

    /**
     * The requests received after {@code mark} (a {@link #receivedCount()}), oldest first, as far as
     * they are kept: a test's own calls, however many other tests came before it.
     */
    public List<ReceivedRequest> receivedSince(long mark) {
        List<ReceivedRequest> kept = received();
        int newer = (int) Math.min(kept.size(), receivedCount.get() - mark);
        return kept.subList(kept.size() - newer, kept.size());
    }

    /** The request received last. */
    public ReceivedRequest lastReceived() {
        ReceivedRequest last = received.peekLast();
        if (last == null) {
            throw new IllegalStateException("the simulator has received no request");
        }
        return last;
    }

    /** Drops the faults that no request has taken yet, and says how many there were. */
    public int clearFaults() {
        int unused = faults.size();
        faults.clear();
        return unused;
    }

    @PreDestroy
    synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private void serve(HttpServerRequest request) {
        if (request.path().equals(FaultControl.PATH)) {
            control(request);
            return;
        }
        request.body().onSuccess(body -> {
            record(request, body);
            Fault fault = faults.poll();
            SimulatedResponse answer = handle(request, body, fault);
            // A fault's own delay replaces the configured latency.
            Duration delay = fault == null ? config.latency() : fault.delay();
            if (delay.isZero()) {
                reply(request, answer);
            } else {
                vertx.setTimer(delay.toMillis(), timer -> reply(request, answer));
            }
        }).onFailure(failure -> request.response().setStatusCode(400).end());
    }

    /** Queues (POST), counts (GET) or drops (DELETE) faults for the requests to come; see {@link FaultControl}. */
    private void control(HttpServerRequest request) {
        int status = 200;
        String body;
        switch (request.method().name()) {
            case "POST" -> {
                try {
                    List<Fault> asked = FaultControl.parse(request::getParam);
                    faults.addAll(asked);
                    status = 202;
                    body = "{\"queued\":" + asked.size() + ",\"pending\":" + faults.size() + "}";
                } catch (IllegalArgumentException wrong) {
                    status = 400;
                    body = "{\"error\":\"" + wrong.getMessage() + "\"}";
                }
            }
            case "GET" -> body = "{\"pending\":" + faults.size() + "}";
            case "DELETE" -> body = "{\"cleared\":" + clearFaults() + "}";
            default -> {
                status = 405;
                body = "{\"error\":\"use POST, GET or DELETE\"}";
            }
        }
        request.response().setStatusCode(status).putHeader("content-type", "application/json").end(body);
    }

    private void record(HttpServerRequest request, Buffer body) {
        Map<String, String> headers = new HashMap<>();
        request.headers().forEach(header -> headers.put(header.getKey().toLowerCase(Locale.ROOT),
                header.getValue()));
        received.addLast(new ReceivedRequest(request.path(), Map.copyOf(headers), body.toString()));
        receivedCount.incrementAndGet();
        while (received.size() > RECEIVED_KEPT) {
            received.pollFirst();
        }
    }

    private SimulatedResponse handle(HttpServerRequest request, Buffer body, Fault fault) {
        Map<String, List<String>> headers = new HashMap<>();
        request.headers().forEach(header -> headers.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT),
                name -> new ArrayList<>()).add(header.getValue()));
        try {
            return routes.answer(new WireRequest(request.method().name(), request.path(), request.query(),
                    headers, body.getBytes()), fault);
        } catch (RuntimeException unexpected) {
            LOG.error("offline simulator failed", unexpected);
            return BedrockRoutes.handles(request.path())
                    ? AwsError.fromApi(500, "api_error", "Internal server error", Map.of()).response()
                    : api.error(500, "api_error", "Internal server error", api.nextRequestId(), Map.of());
        }
    }

    /** How many streamed answers the client closed before their end: a cancelled call shows here. */
    public long streamsAbandoned() {
        return streamsAbandoned.get();
    }

    /** How many streamed answers are being sent right now. */
    public int streamsOpen() {
        return streamsOpen.get();
    }

    private void reply(HttpServerRequest request, SimulatedResponse answer) {
        HttpServerResponse response = request.response();
        if (response.closed()) {
            return;
        }
        response.setStatusCode(answer.status());
        answer.headers().forEach(response::putHeader);
        if (!answer.isStream()) {
            response.end(answer.body());
            return;
        }
        response.setChunked(true);
        streamsOpen.incrementAndGet();
        stream(response, answer.chunks(), 0);
    }

    /** One frame now, the next after {@code anthropic.simulator.stream-pace}; stops when the client leaves. */
    private void stream(HttpServerResponse response, List<byte[]> frames, int next) {
        if (response.closed()) {
            streamsAbandoned.incrementAndGet();
            streamsOpen.decrementAndGet();
            return;
        }
        if (next == frames.size()) {
            streamsOpen.decrementAndGet();
            response.end();
            return;
        }
        response.write(Buffer.buffer(frames.get(next)));
        long pace = config.streamPace().toMillis();
        if (pace == 0) {
            vertx.runOnContext(ignored -> stream(response, frames, next + 1));
        } else {
            vertx.setTimer(pace, timer -> stream(response, frames, next + 1));
        }
    }
}
