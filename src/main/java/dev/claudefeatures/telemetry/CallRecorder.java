package dev.claudefeatures.telemetry;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.claudefeatures.messages.AnthropicApiException;
import dev.claudefeatures.messages.AnthropicCredentialsException;
import dev.claudefeatures.messages.AnthropicException;
import dev.claudefeatures.messages.AnthropicResponseException;
import dev.claudefeatures.messages.AnthropicTransportException;
import dev.claudefeatures.messages.ContentBlock;
import dev.claudefeatures.messages.MessageCall;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.messages.MessageResponse;
import io.quarkus.arc.Arc;

/**
 * The one place where a call becomes a {@link CallRecord}: logged at once, and published with
 * the rest of its invocation (immediately when there is no request, e.g. at start-up).
 */
@Singleton
public class CallRecorder {

    private final UsageLog usageLog;
    private final InvocationMetrics invocation;
    private final MetricSink sink;

    @Inject
    public CallRecorder(UsageLog usageLog, InvocationMetrics invocation, MetricSink sink) {
        this.usageLog = usageLog;
        this.invocation = invocation;
        this.sink = sink;
    }

    public CallRecord succeeded(CallContext context, MessageRequest request, MessageCall call) {
        return succeeded(context, request, call, null);
    }

    /** @param timeToFirstToken for a streamed call, the wait for its first text; else null */
    public CallRecord succeeded(CallContext context, MessageRequest request, MessageCall call,
            java.time.Duration timeToFirstToken) {
        TokenCounts tokens = TokenCounts.of(call.response().usage());
        String geo = inferenceGeo(call.response().usage());
        CallRecord record = new CallRecord(context.feature(), context.model(), call.requestId(), tokens,
                call.response().stopReason(), call.latency(), call.attempts(), context.escalation(),
                CostCalculator.costUsd(tokens, context.prices(), geo),
                CostCalculator.cacheSavingUsd(tokens, context.prices(), geo), null,
                cacheIneffective(request, tokens), PromptVersion.of(request), missReason(call), missedTokens(call),
                timeToFirstToken);
        accept(record, request, call.response().text());
        return record;
    }

    /** A call that failed after its attempts: its time and attempts as the client counted them. */
    public CallRecord failed(CallContext context, MessageRequest request, AnthropicException failure) {
        return failed(context, request, failure, null);
    }

    /** @param timeToFirstToken for a stream that broke off after sending text, the wait for that text */
    public CallRecord failed(CallContext context, MessageRequest request, AnthropicException failure,
            java.time.Duration timeToFirstToken) {
        String requestId = failure instanceof AnthropicApiException api ? api.requestId()
                : failure instanceof AnthropicResponseException response ? response.requestId() : null;
        // An answer that could not be used, or a stream that broke off, may still say what it cost.
        TokenCounts tokens = failure.partialUsage().map(TokenCounts::of)
                .orElseGet(() -> failure instanceof AnthropicResponseException response
                        ? response.response().map(message -> TokenCounts.of(message.usage())).orElse(TokenCounts.NONE)
                        : TokenCounts.NONE);
        CallRecord record = new CallRecord(context.feature(), context.model(), requestId, tokens, null,
                failure.elapsed(), failure.attempts(), context.escalation(), CostCalculator.costUsd(tokens,
                        context.prices(), null), CostCalculator.cacheSavingUsd(tokens, context.prices(), null),
                errorType(failure), false, PromptVersion.of(request), null, 0, timeToFirstToken);
        accept(record, request, null);
        return record;
    }

    /** The same path in a rehearsal: what it writes or sends stops at the edge of the process. */
    private void accept(CallRecord record, MessageRequest request, String response) {
        usageLog.write(record, () -> promptText(request), response);
        if (Arc.container().requestContext().isActive()) {
            invocation.add(record);
        } else {
            sink.publish(List.of(record));
        }
    }

    private static String missReason(MessageCall call) {
        MessageResponse.Diagnostics diagnostics = call.response().diagnostics();
        return diagnostics == null || diagnostics.cacheMissReason() == null ? null
                : diagnostics.cacheMissReason().type();
    }

    private static int missedTokens(MessageCall call) {
        MessageResponse.Diagnostics diagnostics = call.response().diagnostics();
        Integer tokens = diagnostics == null || diagnostics.cacheMissReason() == null ? null
                : diagnostics.cacheMissReason().cacheMissedInputTokens();
        return tokens == null ? 0 : tokens;
    }

    /** A breakpoint was sent, yet nothing was written to or read from the cache. */
    static boolean cacheIneffective(MessageRequest request, TokenCounts tokens) {
        return request.hasCacheBreakpoint() && tokens.cacheRead() == 0 && tokens.cacheWrite() == 0;
    }

    private static String inferenceGeo(dev.claudefeatures.messages.Usage usage) {
        return usage == null ? null : usage.inferenceGeo();
    }

    /** The user turns' text, for the usage log when content logging is on. */
    private static String promptText(MessageRequest request) {
        return request.messages().stream()
                .flatMap(message -> message.content().stream())
                .filter(ContentBlock.Text.class::isInstance)
                .map(block -> ((ContentBlock.Text) block).text())
                .collect(Collectors.joining("\n"));
    }

    /** A bounded set of values: the API's error type, or one of five of our own. */
    static String errorType(AnthropicException failure) {
        if (failure instanceof AnthropicApiException api) {
            return api.errorType();
        }
        if (failure instanceof AnthropicTransportException transport) {
            return transport.cancelled() ? "cancelled" : transport.timedOut() ? "timeout" : "connection_error";
        }
        if (failure instanceof AnthropicCredentialsException) {
            return "credentials_error";
        }
        if (failure instanceof AnthropicResponseException) {
            return "invalid_response";
        }
        return "unknown_error";
    }
}
