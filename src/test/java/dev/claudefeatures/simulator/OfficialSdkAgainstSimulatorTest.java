package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolChoiceTool;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.batches.BatchCreateParams;
import com.anthropic.models.messages.batches.MessageBatch;
import com.anthropic.models.messages.batches.MessageBatchIndividualResponse;

import dev.claudefeatures.testing.OnTheSimulator;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The official Anthropic Java SDK, an independent client, talks to the simulator: the proof that
 * the simulator speaks the real wire format (paths, headers, JSON shapes, error bodies).
 */
@QuarkusTest
class OfficialSdkAgainstSimulatorTest extends OnTheSimulator {


    private AnthropicClient sdk;

    @BeforeEach
    void connect() {
        sdk = AnthropicOkHttpClient.builder()
                .baseUrl(simulator.baseUri().toString())
                .apiKey("sdk-test-key")
                .maxRetries(0)
                .build();
    }

    @AfterEach
    void close() {
        sdk.close();
    }

    @Test
    void createsAMessageAndReadsItsTextAndUsage() {
        Message message = sdk.messages().create(MessageCreateParams.builder()
                .model("claude-sonnet-4-6")
                .maxTokens(200)
                .system("You summarise.")
                .addUserMessage("Shipping takes three days within the EU.")
                .build());

        assertThat(message.id()).startsWith("msg_");
        assertThat(message.model().asString()).isEqualTo("claude-sonnet-4-6");
        assertThat(message.content()).hasSize(1);
        assertThat(message.content().get(0).asText().text())
                .isEqualTo("[offline simulator] Shipping takes three days within the EU.");
        assertThat(message.stopReason()).contains(StopReason.END_TURN);
        assertThat(message.usage().inputTokens()).isEqualTo(
                (("You summarise.".length() + 3) / 4) + (("Shipping takes three days within the EU.".length() + 3) / 4));
        assertThat(message.usage().outputTokens()).isPositive();
        assertThat(message.usage().cacheReadInputTokens()).contains(0L);
        assertThat(message.usage().cacheCreationInputTokens()).contains(0L);
    }

    /** The SDK's own validation: every field its types require is present and of its type. */
    @Test
    void aThinkingAnswerPassesTheSdksValidationAndCarriesItsSignatureAndThinkingTokens() {
        Message message = sdk.messages().create(MessageCreateParams.builder()
                .model("claude-sonnet-4-6")
                .maxTokens(2000)
                .enabledThinking(1024)
                .addUserMessage("Which plan fits a team of five?")
                .build());

        message.validate();
        assertThat(message.content().get(0).isThinking()).isTrue();
        assertThat(message.content().get(0).asThinking().signature()).isNotBlank();
        assertThat(message.content().get(1).asText().text()).startsWith("[offline simulator] Which plan");
        long thinkingTokens = message.usage().outputTokensDetails().orElseThrow().thinkingTokens();
        assertThat(thinkingTokens).isPositive().isLessThan(message.usage().outputTokens());
        assertThat(message.container()).isEmpty();
        assertThat(message.stopDetails()).isEmpty();
    }

    /** The SDK's own accumulator over the simulator's stream: the same message as a plain call. */
    @Test
    void theSdkStreamsAndAccumulatesTheSameTextAndUsageAsAPlainCall() {
        MessageCreateParams params = MessageCreateParams.builder()
                .model("claude-sonnet-4-6")
                .maxTokens(300)
                .addUserMessage("Grüße aus Köln: the parcel left the depot at 09:40 and arrives tomorrow.")
                .build();
        Message plain = sdk.messages().create(params);
        MessageAccumulator accumulator = MessageAccumulator.create();
        List<String> eventTypes = new java.util.ArrayList<>();
        try (StreamResponse<RawMessageStreamEvent> stream = sdk.messages().createStreaming(params)) {
            stream.stream().forEach(event -> {
                accumulator.accumulate(event);
                eventTypes.add(event.isMessageStart() ? "message_start" : event.isContentBlockStart() ? "block_start"
                        : event.isContentBlockDelta() ? "delta" : event.isContentBlockStop() ? "block_stop"
                        : event.isMessageDelta() ? "message_delta" : "message_stop");
            });
        }
        Message streamed = accumulator.message();

        streamed.validate();
        assertThat(streamed.content().get(0).asText().text()).isEqualTo(plain.content().get(0).asText().text());
        assertThat(streamed.stopReason()).isEqualTo(plain.stopReason());
        assertThat(streamed.usage().inputTokens()).isEqualTo(plain.usage().inputTokens());
        assertThat(streamed.usage().outputTokens()).isEqualTo(plain.usage().outputTokens());
        assertThat(eventTypes.get(0)).isEqualTo("message_start");
        assertThat(eventTypes.get(eventTypes.size() - 1)).isEqualTo("message_stop");
        assertThat(eventTypes.stream().filter("delta"::equals).count()).isGreaterThan(3);
    }

    @Test
    void anErrorEventMidwayRaisesTheSdksExceptionAfterTheFirstText() {
        simulator.failNext(Fault.streamBreak("error"));
        List<String> texts = new java.util.ArrayList<>();
        assertThatThrownBy(() -> {
            try (StreamResponse<RawMessageStreamEvent> stream = sdk.messages().createStreaming(
                    MessageCreateParams.builder().model("claude-sonnet-4-6").maxTokens(300)
                            .addUserMessage("Tell me about the depot.").build())) {
                stream.stream().forEach(event -> event.contentBlockDelta()
                        .flatMap(delta -> delta.delta().text()).ifPresent(text -> texts.add(text.text())));
            }
        }).isInstanceOf(com.anthropic.errors.AnthropicException.class).hasMessageContaining("Overloaded");
        assertThat(texts).hasSize(1);
    }

    @Test
    void aStreamCutOffLeavesTheSdksAccumulatorWithoutAMessage() {
        simulator.failNext(Fault.streamBreak("cut"));
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = sdk.messages().createStreaming(
                MessageCreateParams.builder().model("claude-sonnet-4-6").maxTokens(300)
                        .addUserMessage("Tell me about the depot.").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        assertThatThrownBy(accumulator::message).isInstanceOf(RuntimeException.class);
    }

    @Test
    void theSdkReadsTheCacheUsageAsTheSimulatorCountsIt() {
        String policy = "Refunds within 30 days; replacements for damaged goods. ".repeat(120);
        MessageCreateParams params = MessageCreateParams.builder()
                .model("claude-sonnet-4-6")
                .maxTokens(100)
                .systemOfTextBlockParams(List.of(TextBlockParam.builder().text(policy)
                        .cacheControl(CacheControlEphemeral.builder().ttl(CacheControlEphemeral.Ttl.TTL_1H).build())
                        .build()))
                .addUserMessage("My cups arrived broken.")
                .build();
        long prefix = (policy.length() + 3) / 4;
        long question = ("My cups arrived broken.".length() + 3) / 4;

        Message first = sdk.messages().create(params);
        Message second = sdk.messages().create(params);

        // input_tokens counts only what follows the last breakpoint.
        assertThat(first.usage().inputTokens()).isEqualTo(question);
        assertThat(first.usage().cacheCreationInputTokens()).contains(prefix);
        assertThat(first.usage().cacheCreation()).hasValueSatisfying(creation -> {
            assertThat(creation.ephemeral1hInputTokens()).isEqualTo(prefix);
            assertThat(creation.ephemeral5mInputTokens()).isZero();
        });
        assertThat(first.usage().cacheReadInputTokens()).contains(0L);
        assertThat(second.usage().inputTokens()).isEqualTo(question);
        assertThat(second.usage().cacheReadInputTokens()).contains(prefix);
        assertThat(second.usage().cacheCreationInputTokens()).contains(0L);
    }

    @Test
    void readsAForcedToolUseWhoseInputFitsTheSchema() {
        Message message = sdk.messages().create(MessageCreateParams.builder()
                .model("claude-sonnet-4-6")
                .maxTokens(300)
                .addTool(Tool.builder()
                        .name("record_ticket")
                        .strict(true)
                        .inputSchema(Tool.InputSchema.builder()
                                .properties(JsonValue.from(Map.of(
                                        "category", Map.of("type", "string", "enum", List.of("billing", "shipping")),
                                        "confidence", Map.of("type", "number", "minimum", 0, "maximum", 1))))
                                .required(List.of("category", "confidence"))
                                .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                                .build())
                        .build())
                .toolChoice(ToolChoiceTool.builder().name("record_ticket").build())
                .addUserMessage("Where is my parcel? Shipping said Tuesday.")
                .build());

        assertThat(message.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock use = message.content().get(0).asToolUse();
        assertThat(use.name()).isEqualTo("record_ticket");
        assertThat(use.id()).startsWith("toolu_");
        @SuppressWarnings("unchecked")
        Map<String, Object> input = use._input().convert(Map.class);
        assertThat(input).containsEntry("category", "shipping");
        assertThat(((Number) input.get("confidence")).doubleValue()).isEqualTo(0.9);
    }

    @Test
    void maxTokensCutsTheAnswer() {
        Message message = sdk.messages().create(MessageCreateParams.builder()
                .model("claude-sonnet-4-6")
                .maxTokens(3)
                .addUserMessage("A long enough input that the reply is longer than three tokens.")
                .build());

        assertThat(message.stopReason()).contains(StopReason.MAX_TOKENS);
        assertThat(message.usage().outputTokens()).isEqualTo(3);
    }

    @Test
    void countsTokens() {
        long tokens = sdk.messages().countTokens(MessageCountTokensParams.builder()
                .model("claude-sonnet-4-6")
                .addUserMessage("12345678")
                .build()).inputTokens();

        assertThat(tokens).isEqualTo(2);
    }

    @Test
    void anInvalidRequestRaisesTheSdksBadRequestException() {
        assertThatThrownBy(() -> sdk.messages().create(MessageCreateParams.builder()
                .model("claude-sonnet-4-6")
                .maxTokens(1_000_000)
                .addUserMessage("hi")
                .build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.apiMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("max_tokens: 1000000 > 64000"));
                    assertThat(e.requestId()).hasValueSatisfying(id -> assertThat(id).startsWith("req_sim_"));
                });
    }

    @Test
    void aMissingKeyRaisesTheSdksUnauthorizedException() {
        AnthropicClient keyless = AnthropicOkHttpClient.builder()
                .baseUrl(simulator.baseUri().toString())
                .apiKey("")
                .maxRetries(0)
                .build();
        try {
            assertThatThrownBy(() -> keyless.messages().create(MessageCreateParams.builder()
                    .model("claude-sonnet-4-6").maxTokens(10).addUserMessage("hi").build()))
                    .isInstanceOfSatisfying(UnauthorizedException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(401));
        } finally {
            keyless.close();
        }
    }

    @Test
    void anUnknownModelRaisesTheSdksNotFoundException() {
        assertThatThrownBy(() -> sdk.messages().create(MessageCreateParams.builder()
                .model("claude-nonexistent-9").maxTokens(10).addUserMessage("hi").build()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void anOverloadFaultRaisesTheSdksOverloadedException() {
        simulator.failNext(Fault.error(529, "overloaded_error"));
        assertThatThrownBy(() -> sdk.messages().create(MessageCreateParams.builder()
                .model("claude-sonnet-4-6").maxTokens(10).addUserMessage("hi").build()))
                .isInstanceOf(OverloadedException.class);
    }

    /** The SDK creates a batch, polls it until it has ended, and reads its results, as against the API. */
    @Test
    void createsPollsAndReadsAMessageBatch() throws Exception {
        BatchCreateParams.Request.Params params = BatchCreateParams.Request.Params.builder()
                .model("claude-sonnet-4-6").maxTokens(100).addUserMessage("Invoices are due in 30 days.").build();
        MessageBatch batch = sdk.messages().batches().create(BatchCreateParams.builder()
                .addRequest(BatchCreateParams.Request.builder().customId("ticket-1").params(params).build())
                .addRequest(BatchCreateParams.Request.builder().customId("ticket-2").params(params.toBuilder()
                        .model("claude-nonexistent-1").build()).build())
                .addRequest(BatchCreateParams.Request.builder().customId("sim-expire-3").params(params).build())
                .build());

        assertThat(batch.id()).startsWith("msgbatch_");
        assertThat(batch.processingStatus()).isEqualTo(MessageBatch.ProcessingStatus.IN_PROGRESS);
        assertThat(batch.requestCounts().processing()).isEqualTo(3);
        while (batch.processingStatus() != MessageBatch.ProcessingStatus.ENDED) {
            Thread.sleep(50);
            batch = sdk.messages().batches().retrieve(batch.id());
        }
        assertThat(batch.endedAt()).isPresent();
        assertThat(batch.resultsUrl()).hasValueSatisfying(url -> assertThat(url).endsWith("/results"));
        assertThat(batch.requestCounts().succeeded()).isEqualTo(1);
        assertThat(batch.requestCounts().errored()).isEqualTo(1);
        assertThat(batch.requestCounts().expired()).isEqualTo(1);

        Map<String, MessageBatchIndividualResponse> results = new java.util.HashMap<>();
        try (StreamResponse<MessageBatchIndividualResponse> lines = sdk.messages().batches().resultsStreaming(batch.id())) {
            lines.stream().forEach(line -> results.put(line.customId(), line));
        }
        assertThat(results).containsOnlyKeys("ticket-1", "ticket-2", "sim-expire-3");
        assertThat(results.get("ticket-1").result().succeeded().orElseThrow().message().content().get(0).asText()
                .text()).isEqualTo("[offline simulator] Invoices are due in 30 days.");
        assertThat(results.get("ticket-2").result().errored().orElseThrow().error().error().isNotFoundError()).isTrue();
        assertThat(results.get("sim-expire-3").result().isExpired()).isTrue();
        assertThat(sdk.messages().batches().list().data()).extracting(MessageBatch::id).contains(batch.id());
        assertThat(sdk.messages().batches().delete(batch.id()).id()).isEqualTo(batch.id());
    }
}
