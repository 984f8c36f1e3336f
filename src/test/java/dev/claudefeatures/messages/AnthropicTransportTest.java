package dev.claudefeatures.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.claudefeatures.testing.TestConfig;

/**
 * The one transport as every caller meets it (the functions' client, the streams and the
 * {@code evaluate} command's batches): what it puts on the wire, what it makes of answers, and
 * that its settings take effect. Against a bare local server, so that each answer is exactly as
 * the test writes it.
 */
class AnthropicTransportTest {

    private static final String KEY = "sk-ant-test-key-0123456789";

    private final List<Headers> received = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/messages/batches/results", exchange -> answer(exchange, 200, "text/plain",
                "{\"custom_id\":\"a\"}\n{\"custom_id\":\"b\"}\n"));
        server.createContext("/v1/messages/batches", exchange -> answer(exchange, 200, "application/json",
                "{\"id\":\"msgbatch_1\",\"processing_status\":\"ended\"}"));
        server.createContext("/v1/messages/count_tokens", exchange -> answer(exchange, 400, "application/json",
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad key " + KEY
                        + "\"}}"));
        server.createContext("/slow-body", exchange -> {
            record(exchange);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"id\":".getBytes(StandardCharsets.UTF_8));
                out.flush();
                release.await(); // the rest never comes while the client waits
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            } catch (IOException closedByTheClient) {
                // what the client does when it gives up
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void theConfiguredHeadersAndBetasGoWithEveryCallEachBetaOnce() {
        AnthropicTransport transport = transport(Map.of("anthropic.betas", "alpha-1,cache-diagnosis-2026-04-07"));

        transport.send(AnthropicTransport.Call.post("/v1/messages/batches", Map.of("requests", List.of()))
                .withBetas(Set.of("cache-diagnosis-2026-04-07")), JsonNode.class, transport.deadline());
        transport.send(AnthropicTransport.Call.get("/v1/messages/batches/msgbatch_1"), JsonNode.class,
                transport.deadline());

        Headers post = received.get(0);
        assertThat(post.getFirst("x-api-key")).isEqualTo(KEY);
        assertThat(post.getFirst("anthropic-version")).isEqualTo("2026-10-21");
        assertThat(post.getFirst("anthropic-beta")).isEqualTo("alpha-1,cache-diagnosis-2026-04-07");
        assertThat(post.getFirst("content-type")).isEqualTo("application/json");
        assertThat(bodies.get(0)).isEqualTo("{\"requests\":[]}");
        Headers get = received.get(1);
        assertThat(get.getFirst("x-api-key")).isEqualTo(KEY);
        assertThat(get.getFirst("anthropic-beta")).isEqualTo("alpha-1,cache-diagnosis-2026-04-07");
        assertThat(get.getFirst("content-type")).isNull();
        assertThat(bodies.get(1)).isEmpty();
    }

    @Test
    void aWholeUrlTheApiGaveIsFollowedAsItIsAndReadAsText() {
        AnthropicTransport transport = transport(Map.of());

        String results = transport.send(AnthropicTransport.Call.get(base + "/v1/messages/batches/results"),
                String.class, transport.deadline()).body();

        assertThat(results).isEqualTo("{\"custom_id\":\"a\"}\n{\"custom_id\":\"b\"}\n");
        assertThat(received.get(0).getFirst("x-api-key")).isEqualTo(KEY);
    }

    @Test
    void anErrorNeverCarriesTheKeyAndIsNotRetriedWhereTheSdksWouldNot() {
        AnthropicTransport transport = transport(Map.of());

        assertThatThrownBy(() -> transport.send(AnthropicTransport.Call.post("/v1/messages/count_tokens", Map.of()),
                JsonNode.class, transport.deadline()))
                .isInstanceOfSatisfying(AnthropicApiException.InvalidRequest.class, e -> {
                    assertThat(e.getMessage()).doesNotContain(KEY).contains("bad key");
                    assertThat(e.attempts()).isEqualTo(1);
                });
        assertThat(received).hasSize(1);
    }

    @Test
    void anAnswerWhoseBodyStopsComingTimesOutWithinTheAttemptsTimeout() {
        // The JDK's own request timeout ends with the response's head: this one must cover the body too.
        AnthropicTransport transport = transport(Map.of("anthropic.timeout", "300ms", "anthropic.max-retries", "0"));

        assertThatThrownBy(() -> transport.send(AnthropicTransport.Call.post("/slow-body", Map.of()),
                MessageResponse.class, transport.deadline()))
                .isInstanceOfSatisfying(AnthropicTransportException.class, e -> {
                    assertThat(e.timedOut()).isTrue();
                    assertThat(e.attempts()).isEqualTo(1);
                });
    }

    @Test
    void timeoutsAreToldApartByTypeAConnectTimeoutIncluded() {
        assertThat(AnthropicTransport.unanswered(new java.net.SocketTimeoutException("connect timed out")).timedOut())
                .isTrue();
        assertThat(AnthropicTransport.unanswered(new java.net.ConnectException("Connection refused")).timedOut())
                .isFalse();
        // A name is not a type: an exception that merely calls itself a timeout is not one.
        assertThat(AnthropicTransport.unanswered(new IOException("TimeoutLikeName")).timedOut()).isFalse();
    }

    private AnthropicTransport transport(Map<String, String> settings) {
        AnthropicConfig config = TestConfig.with(settings, AnthropicConfig.class).getConfigMapping(AnthropicConfig.class);
        return new AnthropicTransport(config, new FixedEndpoint(base, KEY), BedrockModels.NONE,
                AnthropicTransport.lenientJson(),
                wait -> { }, Ticker.SYSTEM);
    }

    private void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        record(exchange);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("content-type", type);
        exchange.getResponseHeaders().add("request-id", "req_test");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void record(HttpExchange exchange) throws IOException {
        received.add(exchange.getRequestHeaders());
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    }
}
