package dev.claudefeatures.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One immutable exception type per meaning, as the official SDKs have them. */
class AnthropicExceptionsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "400, InvalidRequest", "401, Authentication", "403, PermissionDenied", "404, NotFound",
            "413, RequestTooLarge", "429, RateLimited", "529, Overloaded", "500, ServerError", "502, ServerError",
            "503, ServerError", "504, ServerError", "408, UnexpectedStatus", "409, UnexpectedStatus",
            "422, UnexpectedStatus"})
    void theStatusChoosesTheMeaning(int status, String type) {
        AnthropicApiException e = AnthropicApiException.of(status, "some_error", "m", "req_1", Map.of());

        assertThat(e.getClass().getSimpleName()).isEqualTo(type);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.errorType()).isEqualTo("some_error");
        assertThat(e.requestId()).isEqualTo("req_1");
    }

    @Test
    void aCallsHistoryComesOnACopyOfTheSameMeaningAndTheFailureThrownStaysAsItWas() {
        AnthropicApiException thrown = AnthropicApiException.of(529, "overloaded_error", "busy", "req_1",
                Map.of("retry-after", "3"));
        Usage billed = new Usage(10, 0, 0, null, 2, null, null, null, null);

        AnthropicException ended = thrown.after(new CallHistory(3, Duration.ofMillis(1800), billed));

        assertThat(ended).isInstanceOf(AnthropicApiException.Overloaded.class).hasMessage(thrown.getMessage());
        assertThat(ended.getStackTrace()).isEqualTo(thrown.getStackTrace());
        assertThat(ended.attempts()).isEqualTo(3);
        assertThat(ended.elapsed()).isEqualTo(Duration.ofMillis(1800));
        assertThat(ended.partialUsage()).contains(billed);
        assertThat(((AnthropicApiException) ended).header("retry-after")).contains("3");
        assertThat(thrown.attempts()).isEqualTo(1);
        assertThat(thrown.elapsed()).isZero();
        assertThat(thrown.partialUsage()).isEmpty();
    }

    @Test
    void everyKindKeepsItsOwnFactsOnTheCopy() {
        CallHistory history = new CallHistory(2, Duration.ofSeconds(1), null);
        AnthropicTransportException timeout = (AnthropicTransportException) new AnthropicTransportException(
                "late", null, true).after(history);
        AnthropicTransportException cancelled = (AnthropicTransportException) AnthropicTransportException
                .cancelled(null).after(history);
        AnthropicResponseException unusable = (AnthropicResponseException) new AnthropicResponseException(
                "no usage", null, "req_2", null).after(history);
        AnthropicException credentials = new AnthropicCredentialsException("no key", null).after(history);

        assertThat(timeout.timedOut()).isTrue();
        assertThat(timeout.cancelled()).isFalse();
        assertThat(cancelled.cancelled()).isTrue();
        assertThat(unusable.requestId()).isEqualTo("req_2");
        assertThat(credentials).isInstanceOf(AnthropicCredentialsException.class).hasMessage("no key");
        assertThat(java.util.List.of(timeout, cancelled, unusable, credentials))
                .allSatisfy(e -> assertThat(e.attempts()).isEqualTo(2));
    }

    @Test
    void aRedactedFailureKeepsItsMeaningAndHistory() {
        AnthropicApiException echoed = (AnthropicApiException) AnthropicApiException.of(401, "authentication_error",
                "invalid x-api-key sk-ant-secret", "req_1", Map.of()).after(new CallHistory(1, Duration.ofMillis(5), null));

        AnthropicApiException redacted = echoed.redacted("sk-ant-secret");

        assertThat(redacted).isInstanceOf(AnthropicApiException.Authentication.class);
        assertThat(redacted.getMessage()).doesNotContain("sk-ant-secret").contains("[redacted]");
        assertThat(redacted.elapsed()).isEqualTo(Duration.ofMillis(5));
        assertThat(echoed.redacted("not-in-the-message")).isSameAs(echoed);
    }

    @ParameterizedTest(name = "retry-after-ms={0}, retry-after={1} -> {2} ms")
    @CsvSource(nullValues = "-", value = {
            "1500, -, 1500", "250.5, 30, 250.5", "bad, 7, 7000", "-, 2.5, 2500", "-, -3, -3000",
            "'-', 'Wed, 25 Nov 2026 10:00:20 GMT', 20000", "-, soon, -", "-, -, -"})
    void theWaitAskedForIsTheMillisHeaderElseTheSecondsOrTheDate(String millis, String seconds, Double expectedMs) {
        Map<String, String> headers = new java.util.HashMap<>();
        java.util.Optional.ofNullable(millis).ifPresent(value -> headers.put("retry-after-ms", value));
        java.util.Optional.ofNullable(seconds).ifPresent(value -> headers.put("retry-after", value));

        AnthropicApiException e = AnthropicApiException.of(429, "rate_limit_error", "m", null, headers);

        if (expectedMs == null) {
            assertThat(e.retryAfter(CLOCK)).isEmpty();
        } else {
            assertThat(e.retryAfter(CLOCK)).contains(Duration.ofNanos(Math.round(expectedMs * 1_000_000)));
        }
    }
}
