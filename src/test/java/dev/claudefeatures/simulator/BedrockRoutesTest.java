package dev.claudefeatures.simulator;

import static dev.claudefeatures.simulator.SignedRequests.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.claudefeatures.policy.ModelCatalog;
import dev.claudefeatures.testing.TestConfig;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

/**
 * Bedrock's routes (InvokeModel, its stream, CountTokens, the Messages API on bedrock-mantle) as
 * Bedrock answers them: the simulated API's answers, Bedrock's model ids and Bedrock's errors.
 */
class BedrockRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelCatalog CATALOG = TestConfig.with(Map.of(), ModelCatalog.class)
            .getConfigMapping(ModelCatalog.class);
    private static final String HAIKU = "global.anthropic.claude-haiku-4-5-20251001-v1:0";
    private static final String HAIKU_PATH = "/model/global.anthropic.claude-haiku-4-5-20251001-v1%3A0";
    private static final String OPUS = "global.anthropic.claude-opus-4-6-v1";
    private static final String INVOKE_BODY = "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":100,"
            + "\"system\":\"You summarise.\",\"messages\":[{\"role\":\"user\",\"content\":\"Shipping takes three days.\"}]}";
    private static final String API_BODY = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":100,"
            + "\"system\":\"You summarise.\",\"messages\":[{\"role\":\"user\",\"content\":\"Shipping takes three days.\"}]}";

    private final SimulatedApi api = new SimulatedApi(CATALOG, new PromptCache(() -> 0L), JSON);
    private final SigV4Check sigV4 = new SigV4Check("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            Optional.empty(), () -> NOW);
    private final BedrockRoutes bedrock = new BedrockRoutes(api, sigV4, CATALOG, Set.of(OPUS), JSON);

    private SimulatedResponse invoke(String path, String body) {
        return bedrock.answer(SignedRequests.post(path, body, "bedrock", Map.of()), null);
    }

    private SimulatedResponse mantle(String path, String body) {
        return bedrock.answer(SignedRequests.post(path, body, "bedrock-mantle", Map.of("anthropic-version",
                "2026-10-21")), null);
    }

    private JsonNode apiAnswer(String path, String body) throws Exception {
        SimulatedResponse answer = api.handle("POST", path, Map.of("x-api-key", "k", "anthropic-version",
                "2023-06-01")::get, body.getBytes(StandardCharsets.UTF_8));
        return JSON.readTree(answer.body());
    }

    private static void assertBedrockError(SimulatedResponse response, int status, String type, String message)
            throws Exception {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers()).containsEntry("x-amzn-ErrorType", type + ":" + AwsError.BEDROCK_NAMESPACE)
                .containsKey("x-amzn-RequestId");
        assertThat(JSON.readTree(response.body()).path("message").asText()).startsWith(message);
        assertThat(JSON.readTree(response.body()).size()).isEqualTo(1);
    }

    @Test
    void invokeAnswersTheApisMessageForTheCatalogModelOfTheBedrockId() throws Exception {
        SimulatedResponse response = invoke(HAIKU_PATH + "/invoke", INVOKE_BODY);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode message = JSON.readTree(response.body());
        JsonNode expected = apiAnswer("/v1/messages", API_BODY);
        assertThat(message.path("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(message.path("content")).isEqualTo(expected.path("content"));
        assertThat(message.path("usage").path("input_tokens")).isEqualTo(expected.path("usage").path("input_tokens"));
        assertThat(response.headers()).containsKey("x-amzn-RequestId").containsEntry("content-type", "application/json")
                .containsEntry("X-Amzn-Bedrock-Input-Token-Count", message.path("usage").path("input_tokens").asText())
                .doesNotContainKey("request-id");
    }

    @Test
    void theModelIdMayComeEncodedOrNotAndTheApisOwnVersionIsAcceptedToo() throws Exception {
        String sdkBody = INVOKE_BODY.replace("bedrock-2023-05-31", "2026-10-21").replace("\"max_tokens\"",
                "\"anthropic_beta\":[\"context-1m-2025-08-07\"],\"max_tokens\"");

        assertThat(invoke("/model/" + HAIKU + "/invoke", sdkBody).status()).isEqualTo(200);
        assertThat(invoke(HAIKU_PATH + "/invoke", sdkBody).status()).isEqualTo(200);
    }

    @Test
    void theStreamIsTheApisEventsInEventStreamFrames() throws Exception {
        SimulatedResponse response = invoke(HAIKU_PATH + "/invoke-with-response-stream", INVOKE_BODY);

        assertThat(response.isStream()).isTrue();
        assertThat(response.headers()).containsEntry("content-type", "application/vnd.amazon.eventstream")
                .containsEntry("x-amzn-bedrock-content-type", "application/json").containsKey("x-amzn-RequestId");
        List<Message> frames = new ArrayList<>();
        MessageDecoder decoder = new MessageDecoder(frames::add);
        response.chunks().forEach(decoder::feed);
        List<String> types = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (Message frame : frames) {
            JsonNode event = JSON.readTree(Base64.getDecoder().decode(JSON.readTree(frame.getPayload()).path("bytes")
                    .asText()));
            types.add(event.path("type").asText());
            text.append(event.path("delta").path("text").asText(""));
        }
        assertThat(types.get(0)).isEqualTo("message_start");
        assertThat(types.get(types.size() - 1)).isEqualTo("message_stop");
        assertThat(text.toString()).isEqualTo(apiAnswer("/v1/messages", API_BODY).path("content").get(0)
                .path("text").asText());
    }

    @Test
    void countTokensCountsTheInvokeBodyAsTheApiCountsIt() throws Exception {
        String body = "{\"input\":{\"invokeModel\":{\"body\":\"" + Base64.getEncoder().encodeToString(
                INVOKE_BODY.getBytes(StandardCharsets.UTF_8)) + "\"}}}";

        SimulatedResponse response = invoke(HAIKU_PATH + "/count-tokens", body);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        long expected = apiAnswer("/v1/messages/count_tokens", API_BODY.replace("\"max_tokens\":100,", ""))
                .path("input_tokens").asLong();
        assertThat(expected).isPositive();
        assertThat(response.body()).isEqualTo("{\"inputTokens\":" + expected + "}");
    }

    @Test
    void anUnknownModelIdIsAValidationException() throws Exception {
        assertBedrockError(invoke("/model/anthropic.claude-nonexistent-v1%3A0/invoke", INVOKE_BODY), 400,
                "ValidationException", "The provided model identifier is invalid.");
        // The catalog's own id is not a Bedrock id.
        assertBedrockError(invoke("/model/claude-haiku-4-5/invoke", INVOKE_BODY), 400, "ValidationException",
                "The provided model identifier is invalid.");
    }

    @Test
    void aModelTheAccountLacksIsAnAccessDeniedException() throws Exception {
        assertBedrockError(invoke("/model/" + OPUS + "/invoke", INVOKE_BODY), 403, "AccessDeniedException",
                "You don't have access to the model with the specified model ID.");
        assertBedrockError(mantle("/anthropic/v1/messages", API_BODY.replace("claude-haiku-4-5", OPUS)), 403,
                "AccessDeniedException", "You don't have access");
    }

    @Test
    void aBodyBedrockDoesNotTakeIsAValidationException() throws Exception {
        assertBedrockError(invoke(HAIKU_PATH + "/invoke", "{\"model\":\"x\"," + INVOKE_BODY.substring(1)), 400,
                "ValidationException", "Malformed input request: #: extraneous key [model] is not permitted");
        assertBedrockError(invoke(HAIKU_PATH + "/invoke", "{\"stream\":true," + INVOKE_BODY.substring(1)), 400,
                "ValidationException", "Malformed input request: #: extraneous key [stream]");
        assertBedrockError(invoke(HAIKU_PATH + "/invoke", INVOKE_BODY.replace("\"anthropic_version\":"
                + "\"bedrock-2023-05-31\",", "")), 400, "ValidationException", "Malformed input request: #: required key "
                + "[anthropic_version] not found");
        assertBedrockError(invoke(HAIKU_PATH + "/invoke", "not json"), 400, "ValidationException",
                "Malformed input request, please reformat your input and try again.");
        // The API's own rules, in Bedrock's shape.
        assertBedrockError(invoke(HAIKU_PATH + "/invoke", INVOKE_BODY.replace("100", "1000000")), 400,
                "ValidationException", "max_tokens: 1000000 > 64000");
    }

    @Test
    void aSignatureForAnotherServiceIsRefusedInTheAuthNamespace() {
        SimulatedResponse response = bedrock.answer(SignedRequests.post(HAIKU_PATH + "/invoke", INVOKE_BODY,
                "bedrock-mantle", Map.of()), null);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.headers()).containsEntry("x-amzn-ErrorType",
                "InvalidSignatureException:" + AwsError.AUTH_NAMESPACE);
    }

    @ParameterizedTest(name = "a {0} fault is a {2} {3}")
    @CsvSource({
            "429, rate_limit_error, 429, ThrottlingException, 'Too many requests, please wait before trying again.'",
            "529, overloaded_error, 503, ServiceUnavailableException, Bedrock is unable to process your request.",
            "500, api_error, 500, InternalServerException, The server encountered an internal error",
            "504, timeout_error, 408, ModelTimeoutException, Model has timed out",
            "404, not_found_error, 404, ResourceNotFoundException, simulated fault",
            "400, invalid_request_error, 400, ValidationException, simulated fault"})
    void aQueuedFaultComesOutInBedrocksShape(int status, String apiType, int bedrockStatus, String type,
            String message) throws Exception {
        Fault fault = FaultControl.parse(Map.of("status", String.valueOf(status), "retry-after", "2")::get).get(0);
        assertThat(fault.errorType()).isEqualTo(apiType);

        SimulatedResponse response = bedrock.answer(SignedRequests.post(HAIKU_PATH + "/invoke", INVOKE_BODY,
                "bedrock", Map.of()), fault);

        assertBedrockError(response, bedrockStatus, type, message);
        assertThat(response.headers()).containsEntry("retry-after", "2");
    }

    @Test
    void mantleAnswersTheMessagesApiWithABedrockModelId() throws Exception {
        SimulatedResponse created = mantle("/anthropic/v1/messages", API_BODY.replace("claude-haiku-4-5", HAIKU));
        SimulatedResponse streamed = mantle("/anthropic/v1/messages", API_BODY.replace("claude-haiku-4-5", HAIKU)
                .replace("{", "{\"stream\":true,"));
        SimulatedResponse counted = mantle("/anthropic/v1/messages/count_tokens", API_BODY.replace("claude-haiku-4-5",
                HAIKU).replace("\"max_tokens\":100,", ""));

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(JSON.readTree(created.body()).path("content")).isEqualTo(apiAnswer("/v1/messages", API_BODY)
                .path("content"));
        assertThat(created.headers()).containsKey("x-amzn-RequestId");
        assertThat(streamed.isStream()).isTrue();
        assertThat(streamed.headers().get("content-type")).startsWith("text/event-stream");
        assertThat(streamed.body()).startsWith("event: message_start");
        assertThat(JSON.readTree(counted.body()).path("input_tokens").asLong()).isPositive();
    }

    @Test
    void mantleHasNoBatchesAndRefusesAnUnknownModel() throws Exception {
        assertBedrockError(mantle("/anthropic/v1/messages/batches", "{\"requests\":[]}"), 404,
                "ResourceNotFoundException", "No route for POST /anthropic/v1/messages/batches");
        assertBedrockError(mantle("/anthropic/v1/messages", API_BODY), 400, "ValidationException",
                "The provided model identifier is invalid.");
    }

    @Test
    void aStreamBrokenByAFaultEndsWithAnExceptionFrame() {
        SimulatedResponse response = bedrock.answer(SignedRequests.post(HAIKU_PATH + "/invoke-with-response-stream",
                INVOKE_BODY, "bedrock", Map.of()), Fault.streamBreak("error"));
        List<Message> frames = new ArrayList<>();
        MessageDecoder decoder = new MessageDecoder(frames::add);
        response.chunks().forEach(decoder::feed);

        Message last = frames.get(frames.size() - 1);
        assertThat(last.getHeaders().get(":message-type").getString()).isEqualTo("exception");
        assertThat(last.getHeaders().get(":exception-type").getString()).isEqualTo("serviceUnavailableException");
    }
}
