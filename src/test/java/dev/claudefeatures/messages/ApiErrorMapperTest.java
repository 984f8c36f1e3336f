package dev.claudefeatures.messages;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;


/** Error answers become the exception of their meaning; the status survives any body. */
class ApiErrorMapperTest {

    private final ApiErrorMapper mapper = new ApiErrorMapper();

    @Test
    void readsTypeMessageAndRequestIdFromTheApisErrorBody() {
        Response response = Response.status(429).header("request-id", "req_hdr").header("retry-after", "4")
                .entity("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow down\"},"
                        + "\"request_id\":\"req_body\"}")
                .build();

        AnthropicApiException e = mapper.toThrowable(response);

        assertThat(e.status()).isEqualTo(429);
        assertThat(e.errorType()).isEqualTo("rate_limit_error");
        assertThat(e.getMessage()).isEqualTo("Anthropic API 429 rate_limit_error: slow down");
        assertThat(e.requestId()).isEqualTo("req_hdr");
        assertThat(e.header("retry-after")).contains("4");
        assertThat(e).isInstanceOf(AnthropicApiException.RateLimited.class);
    }

    @Test
    void aBodyThatIsNotJsonKeepsTheStatusAndAMeaningfulType() {
        Response response = Response.status(529).entity("<html>busy</html>").build();

        AnthropicApiException e = mapper.toThrowable(response);

        assertThat(e.status()).isEqualTo(529);
        assertThat(e.errorType()).isEqualTo("overloaded_error");
        assertThat(e).isInstanceOf(AnthropicApiException.Overloaded.class);
    }

    @Test
    void theRequestIdFallsBackToTheBody() {
        Response response = Response.status(500)
                .entity("{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"x\"},\"request_id\":\"req_b\"}")
                .build();

        assertThat(mapper.toThrowable(response).requestId()).isEqualTo("req_b");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
            "400, invalid_request_error", "401, authentication_error", "403, permission_error",
            "404, not_found_error", "413, request_too_large", "429, rate_limit_error", "529, overloaded_error",
            "500, api_error", "502, api_error", "499, http_499", "409, http_409"})
    void aBodyWithoutAnErrorTypeGetsOneFromTheStatus(int status, String type) {
        AnthropicApiException e = mapper.toThrowable(Response.status(status).entity("<html>proxy</html>").build());

        assertThat(e.status()).isEqualTo(status);
        assertThat(e.errorType()).isEqualTo(type);
    }

    @Test
    void everyStatusFrom400OnIsAnErrorAndNothingBelow() {
        assertThat(mapper.handles(400, null)).isTrue();
        assertThat(mapper.handles(529, null)).isTrue();
        assertThat(mapper.handles(399, null)).isFalse();
        assertThat(mapper.handles(200, null)).isFalse();
    }
}
