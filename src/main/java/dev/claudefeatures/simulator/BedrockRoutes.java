package dev.claudefeatures.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.messages.ApiVersion;
import dev.claudefeatures.messages.BedrockRoute;
import dev.claudefeatures.policy.ModelCatalog;

/**
 * Amazon Bedrock's routes to Claude, answered by the simulated API ({@link SimulatedApi}) once the
 * request is translated to the API's: {@code InvokeModel} ({@code /model/<id>/invoke}, the stream
 * at {@code /invoke-with-response-stream}, {@code CountTokens} at {@code /count-tokens}), signed for
 * {@code bedrock}, and the Messages API on bedrock-mantle ({@code /anthropic/v1/messages},
 * {@code /count_tokens}), signed for {@code bedrock-mantle}. The model id is Bedrock's, mapped back
 * to the catalog's ({@code models.<id>.bedrock.model-id}). Every error comes out in Bedrock's shape
 * ({@link AwsError}), the API's own refusals and queued faults included, on Mantle too: it is an
 * AWS endpoint, whose errors the client reads as AWS's.
 */
final class BedrockRoutes {

    static final String SIGNING_NAME = "bedrock";
    static final String MANTLE_SIGNING_NAME = "bedrock-mantle";
    /** The {@code anthropic_version} Bedrock documents; it plays the API's {@code 2023-06-01}. */
    static final String BEDROCK_VERSION = "bedrock-2023-05-31";
    private static final String MANTLE_PREFIX = "/anthropic";
    private static final Pattern MODEL_PATH = Pattern.compile("^/model/([^/]+)/(invoke|invoke-with-response-stream"
            + "|count-tokens)$");
    private static final String MALFORMED = "Malformed input request, please reformat your input and try again.";

    private final SimulatedApi api;
    private final SigV4Check sigV4;
    private final ModelCatalog catalog;
    private final Set<String> withoutAccess;
    private final ObjectMapper json;

    /** @param withoutAccess Bedrock model ids the simulated account has no access to */
    BedrockRoutes(SimulatedApi api, SigV4Check sigV4, ModelCatalog catalog, Set<String> withoutAccess,
            ObjectMapper json) {
        this.api = api;
        this.sigV4 = sigV4;
        this.catalog = catalog;
        this.withoutAccess = Set.copyOf(withoutAccess);
        this.json = json;
    }

    static boolean handles(String path) {
        return path.startsWith("/model/") || path.equals(MANTLE_PREFIX) || path.startsWith(MANTLE_PREFIX + "/");
    }

    /** @param fault the request's queued fault, or null: an error comes out as Bedrock's, the rest shape the answer */
    SimulatedResponse answer(WireRequest request, Fault fault) {
        try {
            if (fault != null && fault.isError()) {
                throw AwsError.fromApi(fault.status(), fault.errorType(), fault.message(), fault.headers());
            }
            boolean mantle = request.path().startsWith(MANTLE_PREFIX);
            sigV4.verify(request, mantle ? MANTLE_SIGNING_NAME : SIGNING_NAME);
            return mantle ? mantle(request, fault) : invoke(request, fault);
        } catch (AwsError error) {
            return error.response();
        }
    }

    private SimulatedResponse invoke(WireRequest request, Fault fault) {
        Matcher path = MODEL_PATH.matcher(request.path());
        if (!path.matches() || !"POST".equals(request.method())) {
            throw notFound(request);
        }
        String modelId = catalogModel(SigV4Check.decode(path.group(1)), true);
        String action = path.group(2);
        if (action.equals("count-tokens")) {
            JsonNode invokeModel = object(request.body()).path("input").path("invokeModel").path("body");
            if (!invokeModel.isTextual()) {
                throw AwsError.validation("input.invokeModel.body: the InvokeModel request body is required, base64");
            }
            byte[] invokeBody;
            try {
                invokeBody = Base64.getDecoder().decode(invokeModel.asText());
            } catch (IllegalArgumentException notBase64) {
                throw AwsError.validation("input.invokeModel.body: not valid base64");
            }
            ObjectNode body = object(invokeBody);
            Map<String, String> headers = versionAndBetas(body);
            body.retain(RequestRules.COUNT_FIELDS);
            body.put("model", modelId);
            SimulatedResponse counted = api.handle("POST", "/v1/messages/count_tokens", headers(request, headers),
                    bytes(body), null);
            checkAnswered(counted);
            return new SimulatedResponse(200, bedrockHeaders(Map.of("content-type", "application/json")),
                    json.createObjectNode().put("inputTokens", read(counted.body()).path("input_tokens").asLong())
                            .toString());
        }
        ObjectNode body = object(request.body());
        for (String field : List.of("model", "stream")) {
            if (body.has(field)) {
                throw AwsError.validation("Malformed input request: #: extraneous key [" + field
                        + "] is not permitted, please reformat your input and try again.");
            }
        }
        Map<String, String> headers = versionAndBetas(body);
        body.put("model", modelId);
        boolean stream = action.equals("invoke-with-response-stream");
        if (stream) {
            body.put("stream", true);
        }
        SimulatedResponse answer = api.handle("POST", "/v1/messages", headers(request, headers), bytes(body), fault);
        checkAnswered(answer);
        if (stream) {
            return SimulatedResponse.streamedBinary(bedrockHeaders(Map.of(
                    "content-type", "application/vnd.amazon.eventstream",
                    "x-amzn-bedrock-content-type", "application/json")), EventStreamFrames.of(answer.frames()));
        }
        JsonNode usage = read(answer.body()).path("usage");
        return new SimulatedResponse(200, bedrockHeaders(Map.of("content-type", "application/json",
                "X-Amzn-Bedrock-Input-Token-Count", usage.path("input_tokens").asText(),
                "X-Amzn-Bedrock-Output-Token-Count", usage.path("output_tokens").asText())), answer.body());
    }

    /** The Messages API itself, its model a Bedrock id; no batches, as on Bedrock. */
    private SimulatedResponse mantle(WireRequest request, Fault fault) {
        String path = request.path().substring(MANTLE_PREFIX.length());
        if (!"POST".equals(request.method()) || !(path.equals("/v1/messages")
                || path.equals("/v1/messages/count_tokens"))) {
            throw notFound(request);
        }
        ObjectNode body = object(request.body());
        body.put("model", catalogModel(body.path("model").asText(""), false));
        SimulatedResponse answer = api.handle("POST", path, headers(request, Map.of()), bytes(body), fault);
        checkAnswered(answer);
        Map<String, String> headers = new HashMap<>(answer.headers());
        headers.put("x-amzn-RequestId", UUID.randomUUID().toString());
        return new SimulatedResponse(answer.status(), Map.copyOf(headers), answer.body(), answer.chunks());
    }

    /**
     * The catalog's id of a Bedrock model id; InvokeModel takes only the models the catalog
     * routes to it ({@code bedrock.route=invoke}), Mantle any.
     */
    String catalogModel(String bedrockId, boolean invoke) {
        String found = catalog.models().entrySet().stream()
                .filter(model -> model.getValue().bedrock()
                        .filter(bedrock -> bedrock.modelId().equals(bedrockId))
                        .filter(bedrock -> !invoke || bedrock.route() == BedrockRoute.INVOKE)
                        .isPresent())
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> AwsError.validation(AwsError.INVALID_MODEL));
        if (withoutAccess.contains(bedrockId)) {
            throw new AwsError(403, "AccessDeniedException", AwsError.NO_ACCESS);
        }
        return found;
    }

    /** {@code anthropic_version} and {@code anthropic_beta} out of the body, as the API's headers. */
    private static Map<String, String> versionAndBetas(ObjectNode body) {
        JsonNode version = body.remove("anthropic_version");
        if (version == null || !version.isTextual()) {
            throw AwsError.validation("Malformed input request: #: required key [anthropic_version] not found, "
                    + "please reformat your input and try again.");
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("anthropic-version", apiVersion(version.asText()));
        JsonNode betas = body.remove("anthropic_beta");
        if (betas != null) {
            if (!betas.isArray()) {
                throw AwsError.validation("Malformed input request: #/anthropic_beta: expected type: JSONArray, "
                        + "please reformat your input and try again.");
            }
            List<String> names = new java.util.ArrayList<>();
            betas.forEach(beta -> names.add(beta.asText()));
            headers.put("anthropic-beta", String.join(",", names));
        }
        return headers;
    }

    /** Bedrock's documented version plays the API's 2023-06-01; the official SDKs send the API's own. */
    private static String apiVersion(String bedrock) {
        if (bedrock.equals(BEDROCK_VERSION)) {
            return ApiVersion.V2023_06_01.wireName();
        }
        try {
            return ApiVersion.fromWire(bedrock).wireName();
        } catch (IllegalArgumentException unknown) {
            throw AwsError.validation("Invalid API version: '" + bedrock + "'; use " + BEDROCK_VERSION + ".");
        }
    }

    /**
     * The request's headers as the simulated API reads them: the signature stood for the key, the
     * body's version and betas for their headers.
     */
    private static UnaryOperator<String> headers(WireRequest request, Map<String, String> fromBody) {
        return name -> name.equals("x-api-key") ? "sigv4-" + SIGNING_NAME
                : fromBody.containsKey(name) ? fromBody.get(name) : request.header(name);
    }

    /** An answer of the API's with an error becomes Bedrock's error. */
    private void checkAnswered(SimulatedResponse answer) {
        if (answer.status() >= 400) {
            JsonNode error = read(answer.body()).path("error");
            throw AwsError.fromApi(answer.status(), error.path("type").asText(), error.path("message").asText(),
                    Map.of());
        }
    }

    private static Map<String, String> bedrockHeaders(Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("x-amzn-RequestId", UUID.randomUUID().toString());
        return Map.copyOf(all);
    }

    private static AwsError notFound(WireRequest request) {
        return new AwsError(404, "ResourceNotFoundException", "No route for " + request.method() + " "
                + request.path() + " on Bedrock.");
    }

    private ObjectNode object(byte[] body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (IOException malformed) {
            throw AwsError.validation(MALFORMED);
        }
        if (node == null || !node.isObject()) {
            throw AwsError.validation(MALFORMED);
        }
        return (ObjectNode) node;
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("the simulated API answered no JSON", e);
        }
    }

    private static byte[] bytes(JsonNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
