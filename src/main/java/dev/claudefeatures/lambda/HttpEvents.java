package dev.claudefeatures.lambda;

import java.util.Base64;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/** Reads the Function URL (API Gateway v2) event of an invocation, and builds the one of a plain HTTP request. */
final class HttpEvents {

    private HttpEvents() {
    }

    /** The body goes base64-encoded, as a Function URL sends bytes it cannot vouch for: none is altered. */
    static APIGatewayV2HTTPEvent of(String method, String path, String query, Map<String, String> headers,
            byte[] body, String sourceIp) {
        APIGatewayV2HTTPEvent event = of(method, path, query, headers, Base64.getEncoder().encodeToString(body), sourceIp);
        event.setIsBase64Encoded(true);
        return event;
    }

    static APIGatewayV2HTTPEvent of(String method, String path, String query, Map<String, String> headers,
            String body, String sourceIp) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(path);
        http.setSourceIp(sourceIp);
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("$default");
        event.setRawPath(path);
        event.setRawQueryString(query == null ? "" : query);
        event.setHeaders(headers);
        event.setBody(body);
        event.setIsBase64Encoded(false);
        event.setRequestContext(context);
        return event;
    }

    /**
     * Reads the HTTP event of a Function URL invocation (the API Gateway v2 shape) whole into the
     * AWS library's own model: cookies, base64 body, query string, repeated headers (comma-joined,
     * as Lambda sends them) and the request context with the caller's IAM identity.
     */
    static ObjectReader reader(ObjectMapper json) {
        return json.readerFor(APIGatewayV2HTTPEvent.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
