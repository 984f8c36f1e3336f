package dev.claudefeatures.telemetry;

import static dev.claudefeatures.telemetry.GenAiAttributes.ATTEMPTS;
import static dev.claudefeatures.telemetry.GenAiAttributes.COST_USD;
import static dev.claudefeatures.telemetry.GenAiAttributes.ERROR_TYPE;
import static dev.claudefeatures.telemetry.GenAiAttributes.PROMPT_VERSION;
import static dev.claudefeatures.telemetry.GenAiAttributes.REQUEST_ID;
import static dev.claudefeatures.telemetry.GenAiAttributes.RESPONSE_FINISH_REASONS;
import static dev.claudefeatures.telemetry.GenAiAttributes.RESPONSE_ID;
import static dev.claudefeatures.telemetry.GenAiAttributes.RESPONSE_MODEL;
import static dev.claudefeatures.telemetry.GenAiAttributes.TIME_TO_FIRST_TOKEN_MS;
import static dev.claudefeatures.telemetry.GenAiAttributes.USAGE_CACHE_CREATION_INPUT_TOKENS;
import static dev.claudefeatures.telemetry.GenAiAttributes.USAGE_CACHE_READ_INPUT_TOKENS;
import static dev.claudefeatures.telemetry.GenAiAttributes.USAGE_INPUT_TOKENS;
import static dev.claudefeatures.telemetry.GenAiAttributes.USAGE_OUTPUT_TOKENS;

import java.util.List;

import dev.claudefeatures.messages.AnthropicException;
import dev.claudefeatures.messages.MessageResponse;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;

/**
 * The span of one Messages API call ({@code chat <model>}), current on the calling thread until
 * it is closed, so that the client's retries land on it as events. Its outcome comes from the
 * call's {@link CallRecord}, the one the usage line is written from. With tracing off it is
 * {@link #NONE} and does nothing.
 */
public final class CallSpan implements AutoCloseable {

    static final CallSpan NONE = new CallSpan(Span.getInvalid(), Scope.noop());

    private final Span span;
    private final Scope scope;

    CallSpan(Span span, Scope scope) {
        this.span = span;
        this.scope = scope;
    }

    /** An answer came: what it was and what it cost. */
    public void succeeded(CallRecord record, MessageResponse response) {
        if (!span.isRecording()) {
            return;
        }
        span.setAttribute(RESPONSE_ID, response.id());
        span.setAttribute(RESPONSE_MODEL, response.model());
        span.setAttribute(RESPONSE_FINISH_REASONS, List.of(response.stopReason().wireName()));
        recorded(record);
    }

    /**
     * The call failed after its attempts; {@code record} is null when no attempt was made (no time
     * was left), as then nothing is recorded either.
     */
    public void failed(AnthropicException failure, CallRecord record) {
        if (!span.isRecording()) {
            return;
        }
        String errorType = CallRecorder.errorType(failure);
        span.setAttribute(ERROR_TYPE, errorType);
        // The type, not the message: an API message may quote what was sent.
        span.setStatus(StatusCode.ERROR, errorType);
        if (record != null) {
            recorded(record);
        }
    }

    /** A defect, not an API failure: the type alone. */
    public void failed(RuntimeException defect) {
        if (span.isRecording()) {
            span.setAttribute(ERROR_TYPE, defect.getClass().getName());
            span.setStatus(StatusCode.ERROR);
        }
    }

    private void recorded(CallRecord record) {
        span.setAttribute(USAGE_INPUT_TOKENS, GenAiAttributes.inputTokens(record.tokens()));
        span.setAttribute(USAGE_OUTPUT_TOKENS, (long) record.tokens().output());
        span.setAttribute(USAGE_CACHE_READ_INPUT_TOKENS, (long) record.tokens().cacheRead());
        span.setAttribute(USAGE_CACHE_CREATION_INPUT_TOKENS, (long) record.tokens().cacheWrite());
        span.setAttribute(COST_USD, record.costUsd().doubleValue());
        span.setAttribute(PROMPT_VERSION, record.promptVersion());
        span.setAttribute(ATTEMPTS, (long) record.attempts());
        if (record.requestId() != null) {
            span.setAttribute(REQUEST_ID, record.requestId());
        }
        if (record.timeToFirstToken() != null) {
            span.setAttribute(TIME_TO_FIRST_TOKEN_MS, record.timeToFirstToken().toMillis());
        }
    }

    @Override
    public void close() {
        scope.close();
        span.end();
    }
}
