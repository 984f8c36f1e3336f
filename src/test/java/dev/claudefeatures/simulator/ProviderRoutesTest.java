package dev.claudefeatures.simulator;

import static dev.claudefeatures.simulator.SignedRequests.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.testing.TestConfig;

/**
 * One port, every provider: the API with a key, Claude Platform on AWS (the API's paths, signed
 * for aws-external-anthropic, in a workspace) and Bedrock's paths.
 */
class ProviderRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelCatalog CATALOG = TestConfig.with(Map.of(), ModelCatalog.class)
            .getConfigMapping(ModelCatalog.class);
    private static final String BODY = "{\"model\":\"claude-sonnet-4-6\",\"max_tokens\":100,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Invoices are due in 30 days.\"}]}";
    private static final Map<String, String> PLATFORM_HEADERS = Map.of("anthropic-version", "2026-10-21",
            "anthropic-workspace-id", "wrkspc_01");

    private final SimulatedApi api = new SimulatedApi(CATALOG, new PromptCache(() -> 0L), JSON);
    private final SigV4Check sigV4 = new SigV4Check("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            Optional.empty(), () -> NOW);
    private final ProviderRoutes routes = new ProviderRoutes(api, sigV4, new BedrockRoutes(api, sigV4, CATALOG,
            Set.of(), JSON));

    private static WireRequest withKey(String path, String body) {
        return new WireRequest("POST", path, null, Map.of("x-api-key", List.of("k"), "anthropic-version",
                List.of("2026-10-21")), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theApiRouteIsUnchanged() throws Exception {
        SimulatedResponse answer = routes.answer(withKey("/v1/messages", BODY), null);
        SimulatedResponse keyless = routes.answer(new WireRequest("POST", "/v1/messages", null, Map.of(),
                BODY.getBytes(StandardCharsets.UTF_8)), null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().get("request-id")).startsWith("req_sim_");
        assertThat(keyless.status()).isEqualTo(401);
    }

    @Test
    void aSignedRequestInAWorkspaceIsAnsweredAsTheApiAnswersIt() throws Exception {
        SimulatedResponse signed = routes.answer(SignedRequests.post("/v1/messages", BODY, "aws-external-anthropic",
                PLATFORM_HEADERS), null);
        SimulatedResponse counted = routes.answer(SignedRequests.post("/v1/messages/count_tokens",
                BODY.replace("\"max_tokens\":100,", ""), "aws-external-anthropic", PLATFORM_HEADERS), null);

        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        JsonNode expected = JSON.readTree(routes.answer(withKey("/v1/messages", BODY), null).body());
        assertThat(JSON.readTree(signed.body()).path("content")).isEqualTo(expected.path("content"));
        assertThat(signed.headers().get("request-id")).startsWith("req_sim_");
        assertThat(JSON.readTree(counted.body()).path("input_tokens").asInt()).isEqualTo(expected.path("usage")
                .path("input_tokens").asInt());
    }

    @Test
    void withoutAWorkspaceTheApiAnswersAnInvalidRequestError() throws Exception {
        SimulatedResponse answer = routes.answer(SignedRequests.post("/v1/messages", BODY, "aws-external-anthropic",
                Map.of("anthropic-version", "2026-10-21")), null);

        assertThat(answer.status()).isEqualTo(400);
        JsonNode error = JSON.readTree(answer.body());
        assertThat(error.path("error").path("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.path("error").path("message").asText()).isEqualTo("anthropic-workspace-id: header is required");
    }

    @Test
    void aBadSignatureIsRefusedInAwsShape() throws Exception {
        WireRequest tampered = SignedRequests.withBody(SignedRequests.post("/v1/messages", BODY,
                "aws-external-anthropic", PLATFORM_HEADERS), BODY.replace("30", "60"));
        WireRequest forBedrock = SignedRequests.post("/v1/messages", BODY, "bedrock", PLATFORM_HEADERS);

        for (WireRequest refused : List.of(tampered, forBedrock)) {
            SimulatedResponse answer = routes.answer(refused, null);
            assertThat(answer.status()).isEqualTo(403);
            assertThat(answer.headers()).containsEntry("x-amzn-ErrorType",
                    "InvalidSignatureException:" + AwsError.AUTH_NAMESPACE);
            assertThat(JSON.readTree(answer.body()).fieldNames()).toIterable().containsExactly("message");
        }
    }

    @Test
    void aFaultTakesTheNextRequestInItsRoutesShape() throws Exception {
        Fault overloaded = Fault.error(529, "overloaded_error");

        SimulatedResponse platform = routes.answer(SignedRequests.post("/v1/messages", BODY, "aws-external-anthropic",
                PLATFORM_HEADERS), overloaded);
        SimulatedResponse bedrock = routes.answer(SignedRequests.post(
                "/model/global.anthropic.claude-sonnet-4-6/invoke", "{}", "bedrock", Map.of()), overloaded);

        assertThat(platform.status()).isEqualTo(529);
        assertThat(JSON.readTree(platform.body()).path("error").path("type").asText()).isEqualTo("overloaded_error");
        assertThat(bedrock.status()).isEqualTo(503);
        assertThat(bedrock.headers().get("x-amzn-ErrorType")).startsWith("ServiceUnavailableException:");
    }
}
