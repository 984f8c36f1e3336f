package dev.claudefeatures.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.claudefeatures.simulator.Fault;
import dev.claudefeatures.simulator.LoopbackSimulator;
import dev.claudefeatures.simulator.ReceivedRequest;
import dev.claudefeatures.testing.TestConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * The kit's own client, configured for each AWS route, against the simulator, which checks every
 * signature with the AWS SDK's signer: messages, streams, token counts, caching, retries and the
 * failures that are not retried.
 */
class ProvidersOnTheSimulatorTest {

    private static final AwsBasicCredentials TEST_CREDENTIALS = AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final String SONNET = "claude-sonnet-4-6";

    /** The routes, each with its client's configuration and the path a message goes to. */
    enum Route {
        CLAUDE_PLATFORM_ON_AWS("aws", null, "/v1/messages"),
        BEDROCK_INVOKE_MODEL("bedrock", BedrockRoute.INVOKE, "/model/global.anthropic.claude-sonnet-4-6/invoke"),
        BEDROCK_MESSAGES("bedrock", BedrockRoute.MESSAGES, "/anthropic/v1/messages");

        final String provider;
        final BedrockRoute bedrockRoute;
        final String messagesPath;

        Route(String provider, BedrockRoute bedrockRoute, String messagesPath) {
            this.provider = provider;
            this.bedrockRoute = bedrockRoute;
            this.messagesPath = messagesPath;
        }
    }

    private LoopbackSimulator simulator;
    private final List<MessagesClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        simulator = LoopbackSimulator.start(Duration.ZERO);
    }

    @AfterEach
    void stop() {
        clients.forEach(MessagesClient::close);
        simulator.close();
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void aMessageIsSignedSentAndReadOnEachRoute(Route route) {
        MessageCall call = client(route, TEST_CREDENTIALS, Map.of()).create(request("Where is my parcel?"));

        assertThat(call.response().text()).contains("Where is my parcel?");
        assertThat(call.response().usage().outputTokensOrZero()).isPositive();
        assertThat(call.requestId()).isNotBlank();
        ReceivedRequest sent = simulator.received().get(simulator.received().size() - 1);
        assertThat(java.net.URLDecoder.decode(sent.path(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(route.messagesPath);
        assertThat(sent.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/");
        assertThat(sent.header("x-api-key")).as("no key on an AWS route").isNull();
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void aStreamArrivesAsTheSameTextDeltasOnEachRoute(Route route) {
        List<String> texts = new ArrayList<>();

        MessageCall call = client(route, TEST_CREDENTIALS, Map.of()).stream(request("Stream this answer, please."),
                Deadline.after(Duration.ofSeconds(20), Ticker.SYSTEM), texts::add, new StreamCancellation());

        assertThat(String.join("", texts)).isEqualTo(call.response().text()).contains("Stream this answer");
        assertThat(call.response().stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(call.response().usage().outputTokensOrZero()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void tokensAreCountedAndTheConnectionOpenedOnEachRoute(Route route) {
        MessagesClient client = client(route, TEST_CREDENTIALS, Map.of());

        TokenCount count = client.countTokens(request("Count these words, please.").forCounting());
        client.connect(SONNET, Duration.ofSeconds(5));

        assertThat(count.inputTokens()).isPositive();
        String path = simulator.received().get(simulator.received().size() - 1).path();
        assertThat(path).endsWith(route == Route.BEDROCK_INVOKE_MODEL ? "/count-tokens" : "/count_tokens");
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void aCachedSystemPromptIsReadBackOnEachRoute(Route route) {
        MessagesClient client = client(route, TEST_CREDENTIALS, Map.of());
        MessageRequest cached = MessageRequest.builder(SONNET, 64)
                .system(SystemPrompt.of(List.of(new ContentBlock.Text("Policy clause. ".repeat(400))
                        .withCacheControl(CacheControl.ephemeral(CacheControl.Ttl.FIVE_MINUTES)))))
                .message(Message.user("First question")).build();

        Usage first = client.create(cached).response().usage();
        Usage second = client.create(cached).response().usage();

        assertThat(first.cacheWriteTokensOrZero()).isPositive();
        assertThat(second.cacheReadTokensOrZero()).isEqualTo(first.cacheWriteTokensOrZero());
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void throttlingIsRetriedAndOnceRetriesAreSpentItIsTheSameRateLimitAsTheApis(Route route) {
        simulator.failNext(Fault.error(429, "rate_limit_error"));
        MessageCall retried = client(route, TEST_CREDENTIALS, Map.of()).create(request("Again, please."));
        assertThat(retried.attempts()).isEqualTo(2);

        simulator.failNext(Fault.error(429, "rate_limit_error"));
        assertThatThrownBy(() -> client(route, TEST_CREDENTIALS, Map.of("anthropic.max-retries", "0"))
                .create(request("Again, please.")))
                .isInstanceOfSatisfying(AnthropicApiException.RateLimited.class, limited -> assertThat(
                        limited.errorType()).isEqualTo(route == Route.CLAUDE_PLATFORM_ON_AWS ? "rate_limit_error"
                                : "ThrottlingException"));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void credentialsTheServiceDoesNotAcceptArePermissionDeniedAndNotRetried(Route route) {
        int before = simulator.received().size();

        assertThatThrownBy(() -> client(route, AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "not-the-secret"),
                Map.of()).create(request("Hello")))
                .isInstanceOfSatisfying(AnthropicApiException.PermissionDenied.class, denied -> {
                    assertThat(denied.errorType()).isEqualTo("InvalidSignatureException");
                    assertThat(denied.attempts()).isEqualTo(1);
                });
        assertThat(simulator.received().size() - before).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(value = Route.class, names = {"BEDROCK_INVOKE_MODEL", "BEDROCK_MESSAGES"})
    void aStreamThatFailsMidwayEndsWithTheApiErrorOfItsMeaningAndTheTextSoFar(Route route) {
        simulator.failNext(Fault.streamBreak("error"));
        List<String> texts = new ArrayList<>();

        assertThatThrownBy(() -> client(route, TEST_CREDENTIALS, Map.of()).stream(request("Break off midway, please."),
                Deadline.after(Duration.ofSeconds(20), Ticker.SYSTEM), texts::add, new StreamCancellation()))
                .isInstanceOf(AnthropicApiException.class);
        assertThat(texts).isNotEmpty();
    }

    private MessagesClient client(Route route, AwsBasicCredentials credentials, Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("anthropic.provider", route.provider);
        settings.put("anthropic.aws.region", "us-east-1");
        settings.put("anthropic.aws.workspace-id", "wrkspc_test");
        AnthropicConfig config = TestConfig.with(settings, AnthropicConfig.class).getConfigMapping(AnthropicConfig.class);
        BedrockModels bedrock = model -> route.bedrockRoute == null ? Optional.empty()
                : Optional.of(new BedrockModels.Model("global.anthropic." + model, route.bedrockRoute));
        // As a deployed function's endpoint on an AWS route: credentials, and no key to ask for, ever.
        AnthropicEndpoint signing = new AnthropicEndpoint() {
            @Override
            public java.net.URI baseUri() {
                return simulator.baseUri();
            }

            @Override
            public String apiKey() {
                throw new AnthropicCredentialsException("no Anthropic API key: a signed route must not ask", null);
            }

            @Override
            public software.amazon.awssdk.identity.spi.AwsCredentialsIdentity awsCredentials() {
                return credentials;
            }
        };
        MessagesClient client = new MessagesClient(config, signing, bedrock, AnthropicTransport.lenientJson(),
                Ticker.SYSTEM);
        clients.add(client);
        return client;
    }

    private static MessageRequest request(String text) {
        return MessageRequest.builder(SONNET, 200).message(Message.user(text)).build();
    }
}
