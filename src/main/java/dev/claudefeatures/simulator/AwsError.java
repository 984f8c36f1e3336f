package dev.claudefeatures.simulator;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * An error answer of an AWS service (AWS's JSON protocol): a body {@code {"message": "..."}} and
 * the type in the header {@code x-amzn-ErrorType}, as Amazon Bedrock, and the signature check in
 * front of every AWS service, answer.
 */
final class AwsError extends RuntimeException {

    /** Bedrock's own errors: their type's namespace in {@code x-amzn-ErrorType}. */
    static final String BEDROCK_NAMESPACE = "http://internal.amazon.com/coral/com.amazon.bedrock/";
    /**
     * The signature check runs before any service sees the request: AWS names its errors in the
     * namespace of that common layer, whatever the service behind it.
     */
    static final String AUTH_NAMESPACE = "http://internal.amazon.com/coral/com.amazon.coral.service/";
    private static final Set<String> AUTH_TYPES = Set.of("UnrecognizedClientException", "InvalidSignatureException",
            "IncompleteSignatureException", "MissingAuthenticationTokenException");

    static final String THROTTLED = "Too many requests, please wait before trying again.";
    static final String INVALID_MODEL = "The provided model identifier is invalid.";
    static final String NO_ACCESS = "You don't have access to the model with the specified model ID.";

    private final int status;
    private final String type;
    private final Map<String, String> headers;

    AwsError(int status, String type, String message) {
        this(status, type, message, Map.of());
    }

    /** @param headers more headers to answer with, e.g. a fault's {@code retry-after} */
    AwsError(int status, String type, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.headers = Map.copyOf(headers);
    }

    static AwsError validation(String message) {
        return new AwsError(400, "ValidationException", message);
    }

    static AwsError invalidSignature(String message) {
        return new AwsError(403, "InvalidSignatureException", message);
    }

    /**
     * The error Bedrock answers where the API would answer {@code status} with {@code apiType}: so
     * that a queued fault, or a request the API's rules refuse, comes out in Bedrock's shape.
     */
    static AwsError fromApi(int status, String apiType, String message, Map<String, String> headers) {
        return switch (status) {
            case 400, 413 -> new AwsError(400, "ValidationException", message, headers);
            case 401 -> new AwsError(403, "UnrecognizedClientException",
                    "The security token included in the request is invalid.", headers);
            case 403 -> new AwsError(403, "AccessDeniedException", message, headers);
            case 404 -> new AwsError(404, "ResourceNotFoundException", message, headers);
            case 408, 504 -> new AwsError(408, "ModelTimeoutException", "Model has timed out in processing the request.",
                    headers);
            case 429 -> new AwsError(429, "ThrottlingException", THROTTLED, headers);
            case 503, 529 -> new AwsError(503, "ServiceUnavailableException", "Bedrock is unable to process your "
                    + "request.", headers);
            default -> status >= 500
                    ? new AwsError(500, "InternalServerException", "The server encountered an internal error while "
                            + "processing the request.", headers)
                    : new AwsError(status, "ValidationException", message, headers);
        };
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    /** As sent: {@code x-amzn-ErrorType}, {@code x-amzn-RequestId} and the JSON body. */
    SimulatedResponse response() {
        Map<String, String> all = new HashMap<>(headers);
        all.put("content-type", "application/json");
        all.put("x-amzn-RequestId", UUID.randomUUID().toString());
        all.put("x-amzn-ErrorType", type + ":" + (AUTH_TYPES.contains(type) ? AUTH_NAMESPACE : BEDROCK_NAMESPACE));
        return new SimulatedResponse(status, Map.copyOf(all),
                JsonNodeFactory.instance.objectNode().put("message", getMessage()).toString());
    }
}
