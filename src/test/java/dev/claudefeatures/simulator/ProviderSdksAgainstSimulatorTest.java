package dev.claudefeatures.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.anthropic.aws.backends.AwsBackend;
import com.anthropic.backends.Backend;
import com.anthropic.bedrock.backends.BedrockBackend;
import com.anthropic.bedrock.backends.BedrockMantleBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.beta.messages.BetaMessage;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.batches.BatchCreateParams;
import com.anthropic.models.messages.batches.MessageBatch;
import com.anthropic.models.messages.batches.MessageBatchIndividualResponse;

import dev.claudefeatures.messages.AnthropicEndpoint;
import dev.claudefeatures.testing.OnTheSimulator;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;

/**
 * The official Java SDK's AWS and Bedrock backends talk to the simulator: they sign with SigV4,
 * rewrite paths and bodies, and decode Bedrock's event stream themselves, so they hold the
 * simulator's AWS routes to the real wire format as {@link OfficialSdkAgainstSimulatorTest} holds
 * its API route.
 */
@QuarkusTest
class ProviderSdksAgainstSimulatorTest extends OnTheSimulator {

    private static final AwsBasicCredentials TEST_CREDENTIALS = AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final AwsBasicCredentials WRONG_SECRET = AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
            "not-the-secret-access-key");
    private static final String HAIKU = "global.anthropic.claude-haiku-4-5-20251001-v1:0";
    private static final String TEXT = "Grüße aus Köln: the parcel left the depot at 09:40 and arrives tomorrow.";

    private final List<AnthropicClient> clients = new ArrayList<>();

    @Inject
    SimulatorStandIn standIn;

    @AfterEach
    void close() {
        clients.forEach(AnthropicClient::close);
    }

    private AnthropicClient client(Backend backend) {
        AnthropicClient client = AnthropicOkHttpClient.builder().backend(backend).maxRetries(0).build();
        clients.add(client);
        return client;
    }

    private AnthropicClient platform(AwsBasicCredentials credentials) {
        return client(AwsBackend.builder().awsCredentials(credentials).region(Region.US_EAST_1)
                .workspaceId("wrkspc_01sim").baseUrl(simulator.baseUri().toString()).build());
    }

    private AnthropicClient bedrock(AwsBasicCredentials credentials) {
        return client(BedrockBackend.builder().awsCredentials(credentials).region(Region.US_EAST_1)
                .baseUrl(simulator.baseUri().toString()).build());
    }

    /** Mantle's base URL is the host's with {@code /anthropic}: the SDK adds {@code /v1/messages} to it. */
    private AnthropicClient mantle(AwsBasicCredentials credentials) {
        return client(BedrockMantleBackend.builder().awsCredentials(credentials).region(Region.US_EAST_1)
                .baseUrl(simulator.baseUri() + "/anthropic").build());
    }

    private static MessageCreateParams params(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(300).system("You summarise.")
                .addUserMessage(TEXT).build();
    }

    /** The SDK's own accumulator over a stream, with the event types in order. */
    private static Message streamed(AnthropicClient client, MessageCreateParams params, List<String> types) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            stream.stream().forEach(event -> {
                accumulator.accumulate(event);
                types.add(event.isMessageStart() ? "message_start" : event.isMessageStop() ? "message_stop" : "other");
            });
        }
        return accumulator.message();
    }

    private static void assertSameAnswer(Message message, Message expected) {
        message.validate();
        assertThat(message.content().get(0).asText().text()).isEqualTo(expected.content().get(0).asText().text())
                .startsWith("[offline simulator] Grüße aus Köln");
        assertThat(message.usage().inputTokens()).isEqualTo(expected.usage().inputTokens());
        assertThat(message.usage().outputTokens()).isEqualTo(expected.usage().outputTokens());
    }

    @Test
    void claudePlatformOnAwsCreatesStreamsAndCountsAsTheApi() {
        AnthropicClient sdk = platform(TEST_CREDENTIALS);

        Message created = sdk.messages().create(params("claude-haiku-4-5"));
        ReceivedRequest sent = simulator.lastReceived();
        List<String> types = new ArrayList<>();
        Message streamed = streamed(sdk, params("claude-haiku-4-5"), types);
        long counted = sdk.messages().countTokens(MessageCountTokensParams.builder().model("claude-haiku-4-5")
                .system("You summarise.").addUserMessage(TEXT).build()).inputTokens();

        assertThat(sent.path()).isEqualTo("/v1/messages");
        assertThat(sent.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/")
                .contains("/us-east-1/aws-external-anthropic/aws4_request");
        assertThat(sent.header("anthropic-workspace-id")).isEqualTo("wrkspc_01sim");
        assertThat(sent.header("x-api-key")).isNull();
        assertSameAnswer(streamed, created);
        assertThat(types).startsWith("message_start").endsWith("message_stop");
        assertThat(counted).isEqualTo(created.usage().inputTokens());
    }

    @Test
    void claudePlatformOnAwsRunsABatch() throws Exception {
        AnthropicClient sdk = platform(TEST_CREDENTIALS);
        BatchCreateParams.Request.Params params = BatchCreateParams.Request.Params.builder()
                .model("claude-haiku-4-5").maxTokens(100).addUserMessage("Invoices are due in 30 days.").build();

        MessageBatch batch = sdk.messages().batches().create(BatchCreateParams.builder()
                .addRequest(BatchCreateParams.Request.builder().customId("ticket-1").params(params).build())
                .build());
        while (batch.processingStatus() != MessageBatch.ProcessingStatus.ENDED) {
            Thread.sleep(50);
            batch = sdk.messages().batches().retrieve(batch.id());
        }
        Map<String, MessageBatchIndividualResponse> results = new HashMap<>();
        try (StreamResponse<MessageBatchIndividualResponse> lines = sdk.messages().batches()
                .resultsStreaming(batch.id())) {
            lines.stream().forEach(line -> results.put(line.customId(), line));
        }

        assertThat(batch.requestCounts().succeeded()).isEqualTo(1);
        assertThat(results.get("ticket-1").result().succeeded().orElseThrow().message().content().get(0).asText()
                .text()).isEqualTo("[offline simulator] Invoices are due in 30 days.");
        assertThat(sdk.messages().batches().list().data()).extracting(MessageBatch::id).contains(batch.id());
    }

    @Test
    void bedrockInvokeModelCreatesAndStreamsThroughTheSdksOwnEventStreamDecoding() {
        AnthropicClient sdk = bedrock(TEST_CREDENTIALS);

        Message created = sdk.messages().create(params(HAIKU));
        ReceivedRequest sent = simulator.lastReceived();
        List<String> types = new ArrayList<>();
        Message streamed = streamed(sdk, params(HAIKU), types);
        ReceivedRequest streamSent = simulator.lastReceived();

        // The SDK sends the model id's ':' as is; AWS's own SDKs send it as %3A: the simulator takes both.
        assertThat(sent.path()).isEqualTo("/model/" + HAIKU + "/invoke");
        assertThat(sent.body()).contains("\"anthropic_version\":\"2026-10-21\"").doesNotContain("\"model\"");
        assertThat(sent.header("authorization")).contains("/us-east-1/bedrock/aws4_request");
        assertThat(sent.header("anthropic-version")).isNull();
        assertThat(streamSent.path()).endsWith("/invoke-with-response-stream");
        assertThat(created.model().asString()).isEqualTo("claude-haiku-4-5");
        assertSameAnswer(streamed, created);
        assertThat(types).startsWith("message_start").endsWith("message_stop");
    }

    @Test
    void bedrockInvokeModelTakesBetasInTheBody() {
        BetaMessage message = bedrock(TEST_CREDENTIALS).beta().messages().create(com.anthropic.models.beta.messages.MessageCreateParams.builder()
                .model(HAIKU).maxTokens(100).addBeta("context-1m-2025-08-07").addUserMessage("hi").build());

        message.validate();
        assertThat(simulator.lastReceived().body()).contains("\"anthropic_beta\":[\"context-1m-2025-08-07\"]");
        assertThat(simulator.lastReceived().header("anthropic-beta")).isNull();
    }

    @Test
    void aThrottlingFaultMidBedrockStreamOrBeforeItReachesTheSdkAsItsOwnErrors() {
        AnthropicClient sdk = bedrock(TEST_CREDENTIALS);
        simulator.failNext(Fault.error(429, "rate_limit_error"));
        assertThatThrownBy(() -> sdk.messages().create(params(HAIKU)))
                .isInstanceOfSatisfying(RateLimitException.class, e -> assertThat(e.getMessage())
                        .contains("Too many requests, please wait before trying again."));

        simulator.failNext(Fault.streamBreak("error"));
        assertThatThrownBy(() -> streamed(sdk, params(HAIKU), new ArrayList<>()))
                .isInstanceOf(AnthropicException.class).hasMessageContaining("serviceUnavailableException");
    }

    @Test
    void bedrockMantleCreatesStreamsAndCounts() {
        AnthropicClient sdk = mantle(TEST_CREDENTIALS);

        Message created = sdk.messages().create(params(HAIKU));
        ReceivedRequest sent = simulator.lastReceived();
        List<String> types = new ArrayList<>();
        Message streamed = streamed(sdk, params(HAIKU), types);
        long counted = sdk.messages().countTokens(MessageCountTokensParams.builder().model(HAIKU)
                .system("You summarise.").addUserMessage(TEXT).build()).inputTokens();

        assertThat(sent.path()).isEqualTo("/anthropic/v1/messages");
        assertThat(sent.header("authorization")).contains("/us-east-1/bedrock-mantle/aws4_request");
        assertThat(sent.body()).contains("\"model\":\"" + HAIKU + "\"");
        assertSameAnswer(streamed, created);
        assertThat(types).startsWith("message_start").endsWith("message_stop");
        assertThat(counted).isEqualTo(created.usage().inputTokens());
    }

    @Test
    void aWrongSecretIsTheSdksPermissionDeniedOnEveryRoute() {
        List<Runnable> calls = List.of(
                () -> platform(WRONG_SECRET).messages().create(params("claude-haiku-4-5")),
                () -> bedrock(WRONG_SECRET).messages().create(params(HAIKU)),
                () -> mantle(WRONG_SECRET).messages().create(params(HAIKU)));

        for (Runnable call : calls) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.headers().values("x-amzn-ErrorType")).singleElement().asString()
                        .startsWith("InvalidSignatureException:");
                assertThat(e.getMessage()).contains("The request signature we calculated does not match");
            });
        }
    }

    /** Offline in dev, a client with provider aws or bedrock signs with what the stand-in gives it. */
    @Test
    void theStandInsCredentialsSignCallsTheSimulatorAccepts() {
        AnthropicEndpoint endpoint = standIn.start();
        AwsCredentialsIdentity credentials = endpoint.awsCredentials();

        Message message = bedrock(AwsBasicCredentials.create(credentials.accessKeyId(),
                credentials.secretAccessKey())).messages().create(params(HAIKU));

        assertThat(endpoint.baseUri()).isEqualTo(simulator.baseUri());
        assertThat(credentials.accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThat(message.content().get(0).asText().text()).startsWith("[offline simulator]");
    }
}
