package dev.claudefeatures.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.testing.TestConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;

/**
 * Each provider's wire form of the same call: where it goes, what it carries, how it is signed.
 * Signatures are checked by the AWS SDK's own signer, re-signing what was sent.
 */
class ProviderRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AwsBasicCredentials CREDENTIALS = AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final String HAIKU_ON_BEDROCK = "global.anthropic.claude-haiku-4-5-20251001-v1:0";
    private static final BedrockModels CATALOG = model -> switch (model) {
        case "claude-haiku-4-5" -> Optional.of(new BedrockModels.Model(HAIKU_ON_BEDROCK, BedrockRoute.INVOKE));
        case "claude-opus-5-5" -> Optional.of(new BedrockModels.Model("anthropic.claude-opus-5-5", BedrockRoute.MESSAGES));
        default -> Optional.empty();
    };
    private static final MessageRequest REQUEST = MessageRequest.builder("claude-haiku-4-5", 64)
            .message(Message.user("Hello")).build();

    @Test
    void theApiTakesTheKeyTheVersionAndTheBetasAsHeadersAndTheBodyAsItIs() throws Exception {
        ProviderRequests.Outgoing out = prepare(Map.of(), post(REQUEST), false, "a-1,b-2");

        assertThat(out.uri()).isEqualTo(URI.create("https://api.anthropic.com/v1/messages"));
        assertThat(out.headers()).containsEntry("x-api-key", "sk-test").containsEntry("anthropic-version", "2026-10-21")
                .containsEntry("anthropic-beta", "a-1,b-2").doesNotContainKey("authorization");
        assertThat(JSON.readTree(out.body()).path("model").asText()).isEqualTo("claude-haiku-4-5");
    }

    @Test
    void claudePlatformOnAwsTakesTheApisPathsWithTheWorkspaceSignedForItsServiceAndNoKey() throws Exception {
        ProviderRequests.Outgoing out = prepare(Map.of("anthropic.provider", "aws", "anthropic.aws.region", "eu-west-1",
                "anthropic.aws.workspace-id", "wrkspc_01"), post(REQUEST), true, null);

        assertThat(out.uri()).isEqualTo(URI.create("https://aws-external-anthropic.eu-west-1.api.aws/v1/messages"));
        assertThat(out.headers()).containsEntry("anthropic-workspace-id", "wrkspc_01")
                .containsEntry("anthropic-version", "2026-10-21").doesNotContainKey("x-api-key");
        assertThat(out.headers().get("Authorization")).contains("/eu-west-1/aws-external-anthropic/aws4_request");
        assertThat(JSON.readTree(out.body()).path("stream").asBoolean()).isTrue();
        assertSignedBy(out, "aws-external-anthropic", "eu-west-1");
    }

    @Test
    void bedrocksInvokeModelTakesTheModelInThePathAndTheVersionAndBetasInTheBody() throws Exception {
        Map<String, String> bedrock = Map.of("anthropic.provider", "bedrock", "anthropic.aws.region", "us-east-1");

        ProviderRequests.Outgoing whole = prepare(bedrock, post(REQUEST), false, "a-1,b-2");
        ProviderRequests.Outgoing streamed = prepare(bedrock, post(REQUEST), true, null);

        assertThat(whole.uri()).isEqualTo(URI.create("https://bedrock-runtime.us-east-1.amazonaws.com/model/"
                + "global.anthropic.claude-haiku-4-5-20251001-v1%3A0/invoke"));
        assertThat(streamed.uri().toString()).endsWith("-v1%3A0/invoke-with-response-stream");
        JsonNode body = JSON.readTree(whole.body());
        assertThat(body.has("model")).isFalse();
        assertThat(body.path("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(body.path("anthropic_beta")).containsExactly(JSON.valueToTree("a-1"), JSON.valueToTree("b-2"));
        assertThat(JSON.readTree(streamed.body()).has("stream")).as("the path says it streams").isFalse();
        assertThat(whole.headers()).doesNotContainKeys("anthropic-version", "anthropic-beta", "x-api-key");
        assertSignedBy(whole, "bedrock", "us-east-1");
        assertSignedBy(streamed, "bedrock", "us-east-1");
    }

    @Test
    void bedrockCountsTokensOfTheInvokeBodyItWouldSend() throws Exception {
        CountTokensRequest counting = REQUEST.forCounting();
        ProviderRequests.Outgoing out = prepare(Map.of("anthropic.provider", "bedrock", "anthropic.aws.region",
                "us-east-1"), AnthropicTransport.Call.post("/v1/messages/count_tokens", counting), false, null);

        assertThat(out.uri().getPath()).isEqualTo("/model/" + HAIKU_ON_BEDROCK + "/count-tokens");
        assertThat(out.answer()).isEqualTo(ProviderRequests.Answer.BEDROCK_TOKEN_COUNT);
        JsonNode invoke = JSON.readTree(Base64.getDecoder().decode(JSON.readTree(out.body())
                .path("input").path("invokeModel").path("body").asText()));
        assertThat(invoke.path("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");
        assertThat(invoke.path("messages").get(0).path("content").get(0).path("text").asText()).isEqualTo("Hello");
        assertThat(invoke.path("max_tokens").asInt()).as("InvokeModel requires it").isPositive();
        assertSignedBy(out, "bedrock", "us-east-1");
    }

    @Test
    void bedrocksMessagesRouteIsTheApisOnBedrockMantleWithBedrocksModelId() throws Exception {
        MessageRequest opus = MessageRequest.builder("claude-opus-5-5", 64).message(Message.user("Hi")).build();
        Map<String, String> bedrock = Map.of("anthropic.provider", "bedrock", "anthropic.aws.region", "us-west-2");

        ProviderRequests.Outgoing home = prepare(bedrock, post(opus), true, "a-1");
        Map<String, String> elsewhere = new HashMap<>(bedrock);
        elsewhere.put("anthropic.base-url", "http://localhost:8089");
        ProviderRequests.Outgoing pointed = prepare(elsewhere, post(opus), false, null);

        assertThat(home.uri()).isEqualTo(URI.create("https://bedrock-mantle.us-west-2.api.aws/anthropic/v1/messages"));
        assertThat(pointed.uri()).isEqualTo(URI.create("http://localhost:8089/anthropic/v1/messages"));
        assertThat(JSON.readTree(home.body()).path("model").asText()).isEqualTo("anthropic.claude-opus-5-5");
        assertThat(home.headers()).containsEntry("anthropic-beta", "a-1").containsEntry("anthropic-version", "2026-10-21");
        assertSignedBy(home, "bedrock-mantle", "us-west-2");
        assertSignedBy(pointed, "bedrock-mantle", "us-west-2");
    }

    @Test
    void bedrockRefusesTheBatchesItDoesNotHave() {
        assertThatThrownBy(() -> prepare(Map.of("anthropic.provider", "bedrock", "anthropic.aws.region", "us-east-1"),
                AnthropicTransport.Call.get("/v1/messages/batches/msgbatch_1"), false, null))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("Message Batches");
    }

    private static AnthropicTransport.Call post(Object body) {
        return AnthropicTransport.Call.post("/v1/messages", body);
    }

    private static ProviderRequests.Outgoing prepare(Map<String, String> settings, AnthropicTransport.Call call,
            boolean stream, String betas) {
        AnthropicConfig config = TestConfig.with(settings, AnthropicConfig.class).getConfigMapping(AnthropicConfig.class);
        URI base = config.baseUrl().orElse(config.provider().home(config.aws().region().orElse("")));
        return new ProviderRequests(config, CATALOG, JSON).prepare(call, stream, betas,
                new FixedEndpoint(base, "sk-test", CREDENTIALS));
    }

    /** The AWS SDK's signer, given what was sent and the date it was signed at, computes the same signature. */
    private static void assertSignedBy(ProviderRequests.Outgoing out, String service, String region) {
        String authorization = out.headers().get("Authorization");
        assertThat(authorization).startsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/")
                .contains("/" + region + "/" + service + "/aws4_request");
        List<String> signedNames = List.of(authorization.replaceAll(".*SignedHeaders=([^,]+),.*", "$1").split(";"));
        assertThat(signedNames).contains("host", "x-amz-date");
        Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .parse(out.headers().get("X-Amz-Date"), Instant::from);
        SdkHttpRequest.Builder again = SdkHttpRequest.builder().uri(out.uri()).method(SdkHttpMethod.fromValue(out.method()));
        out.headers().forEach((name, value) -> {
            if (signedNames.contains(name.toLowerCase()) && !Set.of("x-amz-date", "host").contains(name.toLowerCase())) {
                again.putHeader(name, value);
            }
        });
        String resigned = AwsV4HttpSigner.create().sign(request -> request.identity(CREDENTIALS).request(again.build())
                .payload(ContentStreamProvider.fromByteArray(out.body()))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElseThrow();
        assertThat(resigned).isEqualTo(authorization);
        assertThat(new String(out.body(), StandardCharsets.UTF_8)).isNotBlank();
    }
}
