package dev.claudefeatures.messages;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A call as its provider takes it ({@code anthropic.provider}): the URL, the headers and the body
 * on the wire, and how its answer is framed. The API and Claude Platform on AWS take the API's
 * paths and bodies; Bedrock's InvokeModel takes the model in the path and
 * {@code anthropic_version} and the betas in the body; Bedrock's Messages route is the API's
 * under {@code /anthropic}, with Bedrock's model id. Each of the AWS ones is signed (SigV4).
 */
final class ProviderRequests {

    /** What Bedrock's InvokeModel takes in place of the {@code anthropic-version} header. */
    static final String BEDROCK_VERSION = "bedrock-2023-05-31";
    private static final String COUNT_TOKENS = "/v1/messages/count_tokens";

    /** A request as it leaves: where, with which headers (signed where the provider signs), which bytes. */
    record Outgoing(String method, URI uri, Map<String, String> headers, byte[] body, Answer answer) {
    }

    /** How the answer's body is read back into the API's own. */
    enum Answer {
        /** The API's JSON or server-sent events, as they are. */
        AS_IS,
        /** Bedrock's {@code {"inputTokens": n}}, the API's {@code count_tokens} answer by another name. */
        BEDROCK_TOKEN_COUNT
    }

    private final AnthropicConfig config;
    private final BedrockModels bedrockModels;
    private final ObjectMapper json;
    private final AwsSigner signer = new AwsSigner();

    ProviderRequests(AnthropicConfig config, BedrockModels bedrockModels, ObjectMapper json) {
        this.config = config;
        this.bedrockModels = bedrockModels;
        this.json = json;
    }

    /**
     * {@code call} for {@code endpoint}, as its provider takes it: {@code stream} asks for server-sent
     * events (or Bedrock's event stream), {@code betas} are the {@code anthropic-beta} names, each once.
     */
    Outgoing prepare(AnthropicTransport.Call call, boolean stream, String betas, AnthropicEndpoint endpoint) {
        Provider provider = config.provider();
        URI base = endpoint.baseUri();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", stream ? "text/event-stream" : "application/json");
        if (provider != Provider.BEDROCK) {
            headers.put("anthropic-version", config.version().wireName());
            if (betas != null) {
                headers.put("anthropic-beta", betas);
            }
            // The API's own body: written straight from the request, with no tree in between.
            byte[] body = call.body() == null ? null : stream ? write(body(call, true)) : write(call.body());
            URI uri = resolve(base, call.path());
            if (provider == Provider.ANTHROPIC) {
                headers.put("x-api-key", endpoint.apiKey());
                return outgoing(call.method(), uri, headers, body, Answer.AS_IS);
            }
            headers.put("anthropic-workspace-id", config.aws().workspaceId().orElse(""));
            return signed(call.method(), uri, headers, body, provider.signingName(), endpoint, Answer.AS_IS);
        }
        return bedrock(call, stream, betas, base, headers, endpoint);
    }

    private Outgoing bedrock(AnthropicTransport.Call call, boolean stream, String betas, URI base,
            Map<String, String> headers, AnthropicEndpoint endpoint) {
        if (!call.path().startsWith("/v1/messages") || call.path().startsWith("/v1/messages/batches")) {
            throw new UnsupportedOperationException("Amazon Bedrock has no " + call.path()
                    + " (Message Batches do not exist there); anthropic.provider is bedrock");
        }
        ObjectNode body = body(call, stream);
        String model = body.path("model").asText();
        BedrockModels.Model onBedrock = bedrockModels.find(model).orElseThrow(() -> new IllegalStateException(
                "models." + model + ".bedrock.model-id is not set: the start-up check should have said so"));
        if (onBedrock.route() == BedrockRoute.MESSAGES) {
            headers.put("anthropic-version", config.version().wireName());
            if (betas != null) {
                headers.put("anthropic-beta", betas);
            }
            body.put("model", onBedrock.id());
            URI mantle = base.equals(Provider.BEDROCK.home(region()))
                    ? URI.create("https://bedrock-mantle." + region() + ".api.aws/anthropic")
                    : resolve(base, "/anthropic");
            return signed(call.method(), resolve(mantle, call.path()), headers, write(body), "bedrock-mantle", endpoint,
                    Answer.AS_IS);
        }
        body.remove("model");
        body.remove("stream");
        body.put("anthropic_version", BEDROCK_VERSION);
        if (betas != null) {
            ArrayNode names = body.putArray("anthropic_beta");
            for (String name : betas.split(",")) {
                names.add(name);
            }
        }
        String modelPath = "/model/" + URLEncoder.encode(onBedrock.id(), StandardCharsets.UTF_8);
        if (call.path().equals(COUNT_TOKENS)) {
            if (!body.has("max_tokens")) {
                body.put("max_tokens", 1); // InvokeModel's body requires it; counting ignores it
            }
            ObjectNode counting = json.createObjectNode();
            counting.putObject("input").putObject("invokeModel").put("body",
                    Base64.getEncoder().encodeToString(write(body)));
            return signed("POST", resolve(base, modelPath + "/count-tokens"), headers, write(counting), "bedrock",
                    endpoint, Answer.BEDROCK_TOKEN_COUNT);
        }
        String action = stream ? "/invoke-with-response-stream" : "/invoke";
        return signed(call.method(), resolve(base, modelPath + action), headers, write(body), "bedrock", endpoint,
                Answer.AS_IS);
    }

    /** The call's JSON body as a tree to shape, with {@code stream: true} when streaming; null when it has none. */
    private ObjectNode body(AnthropicTransport.Call call, boolean stream) {
        if (call.body() == null) {
            return null;
        }
        ObjectNode body = json.valueToTree(call.body());
        if (stream) {
            body.put("stream", true);
        }
        return body;
    }

    private static Outgoing outgoing(String method, URI uri, Map<String, String> headers, byte[] body,
            Answer answer) {
        if (body != null) {
            headers.put("content-type", "application/json");
        }
        return new Outgoing(method, uri, headers, body, answer);
    }

    private Outgoing signed(String method, URI uri, Map<String, String> headers, byte[] body, String service,
            AnthropicEndpoint endpoint, Answer answer) {
        Outgoing unsigned = outgoing(method, uri, headers, body, answer);
        Map<String, String> signedHeaders = signer.sign(method, uri, unsigned.headers(), unsigned.body(), service,
                region(), endpoint.awsCredentials());
        return new Outgoing(method, uri, signedHeaders, unsigned.body(), answer);
    }

    private String region() {
        return config.aws().region().orElse("");
    }

    /** A path under {@code base}, or a whole URL the API gave (a batch's results) as it is. */
    static URI resolve(URI base, String pathOrUrl) {
        return pathOrUrl.startsWith("/") ? URI.create(base.toString().replaceAll("/$", "") + pathOrUrl)
                : URI.create(pathOrUrl);
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a request could not be written as JSON", e);
        }
    }
}
