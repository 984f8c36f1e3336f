package dev.claudefeatures.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;


/** Error answers become the exception of their meaning; the status survives any body. */
class ApiErrorsTest {

    @Test
    void readsTypeMessageAndRequestIdFromTheApisErrorBody() {
        Map<String, String> headers = Map.of("request-id", "req_hdr", "retry-after", "4");

        AnthropicApiException e = ApiErrors.of(429, headers::get,
                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"},"
                        + "\"request_id\":\"req_body\"}");

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.errorType()).isEqualTo("rate_limit_error");
        assertThat(e.getMessage()).isEqualTo("Anthropic API 429 rate_limit_error: slow down");
        assertThat(e.requestId()).isEqualTo("req_hdr");
        assertThat(e.header("retry-after")).contains("4");
        assertThat(e).isInstanceOf(AnthropicApiException.RateLimited.class);
    }

    @Test
    void awsErrorsAreReadFromTheirOwnShapeTypeFromTheHeaderAndTheirMeaningFromTheStatus() {
        Map<String, String> headers = Map.of("x-amzn-errortype",
                "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/", "x-amzn-requestid", "b1e2");

        AnthropicApiException throttled = ApiErrors.of(429, headers::get,
                "{\"message\":\"Too many requests, please wait before trying again.\"}");
        AnthropicApiException denied = ApiErrors.of(403, name -> null, "{\"Message\":\"User is not authorized\"}");

        assertThat(throttled).isInstanceOf(AnthropicApiException.RateLimited.class);
        assertThat(throttled.errorType()).isEqualTo("ThrottlingException");
        assertThat(throttled.getMessage()).endsWith(": Too many requests, please wait before trying again.");
        assertThat(throttled.requestId()).isEqualTo("b1e2");
        assertThat(denied).isInstanceOf(AnthropicApiException.PermissionDenied.class);
        assertThat(denied.errorType()).isEqualTo("permission_error");
        assertThat(denied.getMessage()).endsWith(": User is not authorized");
    }

    @Test
    void aBodyThatIsNotJsonKeepsTheStatusAndAMeaningfulType() {
        AnthropicApiException e = ApiErrors.of(529, name -> null, "<html>busy</html>");

        assertThat(e.status()).isEqualTo(529);
        assertThat(e.errorType()).isEqualTo("overloaded_error");
        assertThat(e).isInstanceOf(AnthropicApiException.Overloaded.class);
    }

    @Test
    void theRequestIdFallsBackToTheBody() {
        AnthropicApiException e = ApiErrors.of(500, name -> null,
                "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"x\"},\"request_id\":\"req_b\"}");

        assertThat(e.requestId()).isEqualTo("req_b");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "400, invalid_request_error", "401, authentication_error", "403, permission_error",
            "404, not_found_error", "413, request_too_large", "429, rate_limit_error", "529, overloaded_error",
            "500, api_error", "502, api_error", "499, http_499", "409, http_409"})
    void aBodyWithoutAnErrorTypeGetsOneFromTheStatus(int status, String type) {
        AnthropicApiException e = ApiErrors.of(status, name -> null, "<html>proxy</html>");

        assertThat(e.status()).isEqualTo(status);
        assertThat(e.errorType()).isEqualTo(type);
    }

    @Test
    void aBodyWithoutAMessageIsNamedByItsStatus() {
        assertThat(ApiErrors.of(502, name -> null, "").getMessage()).contains("HTTP 502");
    }
}
