package dev.claudefeatures.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.simulator.Fault;
import dev.claudefeatures.simulator.ReceivedRequest;
import dev.claudefeatures.testing.TestConfig;
import dev.claudefeatures.testing.OnTheSimulator;
import io.quarkus.test.junit.QuarkusTest;

/** The typed client against the offline simulator: what goes on the wire and what comes back. */
@QuarkusTest
class MessagesClientSimulatorTest extends OnTheSimulator {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MessagesClient client;
    @Inject
    AnthropicConfig config;

    @Test
    void sendsOnlySetFieldsWithKeyAndVersionHeaders() throws IOException {
        MessageCall call = client.create(MessageRequest.builder("claude-sonnet-4-6", 100)
                .system(SystemPrompt.of("Be brief."))
                .message(Message.user("Hello there"))
                .build());

        ReceivedRequest sent = simulator.lastReceived();
        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).isEqualTo("offline-simulator");
        assertThat(sent.header("anthropic-version")).isEqualTo("2026-10-21");
        assertThat(sent.header("anthropic-beta")).isNull();
        assertThat(JSON.readTree(sent.body())).isEqualTo(JSON.readTree("""
                {"model":"claude-sonnet-4-6","max_tokens":100,"system":"Be brief.",
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hello there"}]}]}
                """));
        assertThat(call.response().text()).isEqualTo("[offline simulator] Hello there");
        assertThat(call.response().stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(call.requestId()).startsWith("req_sim_");
        assertThat(call.attempts()).isEqualTo(1);
    }

    @Test
    void readsEveryUsageFieldIncludingTheCacheBreakdown() {
        // A system prompt above Sonnet's 1,024-token minimum, with a one-hour breakpoint.
        String longPrompt = "Policy clause. ".repeat(400);
        MessageRequest request = MessageRequest.builder("claude-sonnet-4-6", 50)
                .system(SystemPrompt.of(List.of(new ContentBlock.Text(longPrompt + "write")
                        .withCacheControl(CacheControl.ephemeral(CacheControl.Ttl.ONE_HOUR)))))
                .message(Message.user("First question"))
                .build();

        Usage first = client.create(request).response().usage();
        Usage second = client.create(request).response().usage();

        int promptTokens = ((longPrompt + "write").length() + 3) / 4;
        assertThat(first.cacheWriteTokensOrZero()).isEqualTo(promptTokens);
        assertThat(first.cacheWrite1hTokens()).isEqualTo(promptTokens);
        assertThat(first.cacheWrite5mTokens()).isZero();
        assertThat(first.cacheReadTokensOrZero()).isZero();
        assertThat(first.inputTokensOrZero()).isEqualTo(("First question".length() + 3) / 4);
        assertThat(second.cacheReadTokensOrZero()).isEqualTo(promptTokens);
        assertThat(second.cacheWriteTokensOrZero()).isZero();
        assertThat(second.outputTokensDetails().thinkingTokens()).isZero();
        assertThat(second.serviceTier()).isEqualTo("standard");
    }

    @Test
    void anApiErrorBecomesATypedExceptionWithStatusTypeMessageAndRequestId() {
        // Under 2026-10-21 temperature is removed; the API answers 400 to any value.
        MessageRequest request = MessageRequest.builder("claude-sonnet-4-6", 10)
                .message(Message.user("hi")).temperature(0.0).build();

        assertThatThrownBy(() -> client.create(request))
                .isInstanceOfSatisfying(AnthropicApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errorType()).isEqualTo("invalid_request_error");
                    assertThat(e.getMessage()).contains("temperature: is not supported in API version 2026-10-21");
                    assertThat(e.requestId()).startsWith("req_sim_");
                    assertThat(e.attempts()).isEqualTo(1);
                });
    }

    @Test
    void retriesAnOverloadAndReportsTheAttempts() {
        simulator.failNext(Fault.error(529, "overloaded_error").withHeader("retry-after-ms", "1"));

        MessageCall call = client.create(MessageRequest.builder("claude-sonnet-4-6", 10)
                .message(Message.user("hi")).build());

        assertThat(call.attempts()).isEqualTo(2);
        assertThat(call.response().text()).isEqualTo("[offline simulator] hi");
    }

    @Test
    void retriesWaitAsTheServerAsks() {
        List<Duration> waits = new ArrayList<>();
        MessagesClient recording = new MessagesClient(config, simulatorEndpoint(simulator.baseUri()), waits::add);
        simulator.failNext(Fault.error(429, "rate_limit_error").withHeader("retry-after", "2"));
        simulator.failNext(Fault.error(500, "api_error").withHeader("retry-after-ms", "250"));

        MessageCall call = recording.create(MessageRequest.builder("claude-sonnet-4-6", 10)
                .message(Message.user("hi")).build());

        assertThat(call.attempts()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(250));
    }

    @Test
    void aRejectedKeyIsReportedToTheEndpointAndNotRetried() {
        java.util.concurrent.atomic.AtomicInteger rejections = new java.util.concurrent.atomic.AtomicInteger();
        AnthropicEndpoint endpoint = new AnthropicEndpoint() {
            @Override
            public URI baseUri() {
                return simulator.baseUri();
            }

            @Override
            public String apiKey() {
                return "revoked-key";
            }

            @Override
            public void keyRejected() {
                rejections.incrementAndGet();
            }
        };
        MessagesClient rejected = new MessagesClient(config, endpoint, wait -> { });
        simulator.failNext(Fault.error(401, "authentication_error"));

        assertThatThrownBy(() -> rejected.create(MessageRequest.builder("claude-sonnet-4-6", 10)
                .message(Message.user("hi")).build()))
                .isInstanceOfSatisfying(AnthropicApiException.class, e -> assertThat(e.attempts()).isEqualTo(1));
        assertThat(rejections).hasValue(1);
    }

    @Test
    void countsTokensWithoutGenerationFields() throws IOException {
        TokenCount count = client.countTokens(MessageRequest.builder("claude-sonnet-4-6", 100)
                .message(Message.user("12345678")).build().forCounting());

        assertThat(count.inputTokens()).isEqualTo(2);
        assertThat(simulator.lastReceived().path()).isEqualTo("/v1/messages/count_tokens");
        assertThat(JSON.readTree(simulator.lastReceived().body()).has("max_tokens")).isFalse();
    }

    @Test
    void aRefusedConnectionIsATransportFailureRetriedTwice() throws IOException {
        URI closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = URI.create("http://localhost:" + socket.getLocalPort());
        }
        List<Duration> waits = new ArrayList<>();
        MessagesClient unreachable = new MessagesClient(config, simulatorEndpoint(closed), waits::add);

        assertThatThrownBy(() -> unreachable.create(MessageRequest.builder("claude-sonnet-4-6", 10)
                .message(Message.user("hi")).build()))
                .isInstanceOfSatisfying(AnthropicTransportException.class, e -> {
                    assertThat(e.timedOut()).isFalse();
                    assertThat(e.attempts()).isEqualTo(3);
                });
        assertThat(waits).hasSize(2);
    }

    @Test
    void aSlowAnswerTimesOut() {
        MessagesClient impatient = new MessagesClient(TestConfig.with(java.util.Map.of("anthropic.timeout", "1s"), AnthropicConfig.class)
                .getConfigMapping(AnthropicConfig.class), simulatorEndpoint(simulator.baseUri()),
                wait -> { });
        for (int i = 0; i < 3; i++) {
            simulator.failNext(Fault.slow(Duration.ofMillis(1500)));
        }

        assertThatThrownBy(() -> impatient.create(MessageRequest.builder("claude-sonnet-4-6", 10)
                .message(Message.user("hi")).build()))
                .isInstanceOfSatisfying(AnthropicTransportException.class, e -> {
                    assertThat(e.timedOut()).isTrue();
                    assertThat(e.attempts()).isEqualTo(3);
                });
    }

    @Test
    void unknownContentBlocksInAnAnswerAreKept() throws IOException {
        MessageResponse response = JSON.readValue("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-sonnet-4-6",
                 "content":[{"type":"thinking","thinking":"hmm","signature":"sig"},
                            {"type":"future_block","payload":{"x":1}},
                            {"type":"text","text":"Answer"}],
                 "stop_reason":"end_turn","usage":{"input_tokens":5,"output_tokens":2}}
                """, MessageResponse.class);

        assertThat(response.text()).isEqualTo("Answer");
        assertThat(response.content().get(1)).isInstanceOf(ContentBlock.Unknown.class);
        assertThat(JSON.writeValueAsString(response.content().get(1)))
                .isEqualTo("{\"type\":\"future_block\",\"payload\":{\"x\":1}}");
    }

    private static AnthropicEndpoint simulatorEndpoint(URI uri) {
        return new FixedEndpoint(uri, "test-key");
    }
}
