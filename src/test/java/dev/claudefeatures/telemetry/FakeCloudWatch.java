package dev.claudefeatures.telemetry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * CloudWatch on loopback: receives {@code PutMetricData} as the SDK sends it (Smithy RPC v2 CBOR),
 * decodes each body, and answers as told: success, a 500, or nothing for ten seconds.
 */
public class FakeCloudWatch implements QuarkusTestResourceLifecycleManager {

    public enum Mode {
        OK, FAIL, HANG,
        /** Success, after {@link #SLOW_ANSWER}. */
        SLOW
    }

    public static final java.time.Duration SLOW_ANSWER = java.time.Duration.ofSeconds(1);

    /** A request as received: its path, its Smithy protocol header, its decoded body. */
    public record Received(String path, String protocol, JsonNode body) {
    }

    private static final CBORMapper CBOR = new CBORMapper();
    private static volatile FakeCloudWatch current;

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Long> answeredAt = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.OK;
    private HttpServer server;

    public static FakeCloudWatch current() {
        return current;
    }

    @Override
    public Map<String, String> start() {
        // The JDK server writes headers and body apart; with Nagle's algorithm on, the body then
        // waits ~40 ms for the client's delayed ACK: a cost of this fake, not of CloudWatch.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
        current = this;
        return Map.of(
                "telemetry.sink", "cloudwatch",
                "telemetry.cloudwatch.endpoint-override", "http://localhost:" + server.getAddress().getPort(),
                "telemetry.cloudwatch.region", "eu-west-1",
                // Long enough that a loaded machine still gets the request to the fake before the
                // client gives up; the HANG mode holds it for longer still.
                "telemetry.publish-timeout", "1s");
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    public void reset(Mode mode) {
        this.mode = mode;
        received.clear();
        answeredAt.clear();
    }

    /** When each successful answer had been sent, in {@link System#nanoTime()}, in order. */
    public List<Long> answeredAt() {
        return List.copyOf(answeredAt);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("Smithy-Protocol"), CBOR.readTree(body)));
        switch (mode) {
            case OK, SLOW -> {
                if (mode == Mode.SLOW) {
                    try {
                        Thread.sleep(SLOW_ANSWER.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                // An empty CBOR map: what PutMetricData answers.
                exchange.getResponseHeaders().add("Content-Type", "application/cbor");
                exchange.getResponseHeaders().add("Smithy-Protocol", "rpc-v2-cbor");
                exchange.sendResponseHeaders(200, 1);
                exchange.getResponseBody().write(0xA0);
                exchange.close();
                answeredAt.add(System.nanoTime());
                return;
            }
            case FAIL -> exchange.sendResponseHeaders(500, -1);
            case HANG -> {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.sendResponseHeaders(500, -1);
            }
        }
        exchange.close();
    }
}
