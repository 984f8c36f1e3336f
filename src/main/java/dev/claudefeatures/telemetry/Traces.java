package dev.claudefeatures.telemetry;

import static dev.claudefeatures.telemetry.GenAiAttributes.ERROR_TYPE;
import static dev.claudefeatures.telemetry.GenAiAttributes.ESCALATION;
import static dev.claudefeatures.telemetry.GenAiAttributes.FEATURE;
import static dev.claudefeatures.telemetry.GenAiAttributes.OPERATION_NAME;
import static dev.claudefeatures.telemetry.GenAiAttributes.PROVIDER_NAME;
import static dev.claudefeatures.telemetry.GenAiAttributes.REQUEST_MAX_TOKENS;
import static dev.claudefeatures.telemetry.GenAiAttributes.REQUEST_MODEL;
import static dev.claudefeatures.telemetry.GenAiAttributes.STREAMED;

import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.AnthropicException;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.messages.Provider;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

/**
 * The spans of the kit, in the OpenTelemetry GenAI conventions: one per feature request
 * ({@code feature <name>}, with its repairs and escalations as events) and one per API call
 * ({@link CallSpan}, {@code chat <model>}, kind CLIENT). With the SDK off (the default) the tracer
 * is a no-op, nothing is recorded and no attribute is computed.
 */
@Singleton
public class Traces {

    static final String REPAIR_EVENT = "claude_features.repair";
    static final String ESCALATION_EVENT = "claude_features.escalation";
    static final AttributeKey<Long> VIOLATIONS = AttributeKey.longKey("claude_features.schema_violations");
    static final AttributeKey<String> ESCALATED_TO = AttributeKey.stringKey("claude_features.escalated_to");

    private final Tracer tracer;
    /** {@code gen_ai.provider.name}: {@code anthropic}, or {@code aws.bedrock} on Bedrock. */
    private final String provider;

    @Inject
    public Traces(Tracer tracer, AnthropicConfig anthropic) {
        this(tracer, anthropic.provider());
    }

    public Traces(Tracer tracer, Provider provider) {
        this.tracer = tracer;
        this.provider = provider.telemetryName();
    }

    /** Starts the span of one API call and makes it current; close it when the call has ended. */
    public CallSpan call(CallContext context, MessageRequest request, boolean streamed) {
        Span span = tracer.spanBuilder(GenAiAttributes.CHAT + " " + request.model()).setSpanKind(SpanKind.CLIENT)
                .startSpan();
        if (!span.isRecording()) {
            return CallSpan.NONE;
        }
        span.setAttribute(OPERATION_NAME, GenAiAttributes.CHAT);
        span.setAttribute(PROVIDER_NAME, provider);
        span.setAttribute(REQUEST_MODEL, request.model());
        if (request.maxTokens() != null) {
            span.setAttribute(REQUEST_MAX_TOKENS, request.maxTokens().longValue());
        }
        span.setAttribute(FEATURE, context.feature());
        span.setAttribute(ESCALATION, context.escalation());
        span.setAttribute(STREAMED, streamed);
        return new CallSpan(span, span.makeCurrent());
    }

    /** Runs one request of {@code feature} inside its span, which ends, marked if it failed, when the work does. */
    public <T> T feature(String feature, Supplier<T> work) {
        Span span = tracer.spanBuilder("feature " + feature).startSpan();
        if (!span.isRecording()) {
            return work.get();
        }
        span.setAttribute(FEATURE, feature);
        try (Scope current = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException failure) {
            String errorType = failure instanceof AnthropicException api ? CallRecorder.errorType(api)
                    : failure.getClass().getName();
            span.setAttribute(ERROR_TYPE, errorType);
            span.setStatus(StatusCode.ERROR, errorType);
            throw failure;
        } finally {
            span.end();
        }
    }

    /** The answer did not fit the schema: the model is asked once more, in the current feature span. */
    public void repairing(int violations) {
        Span.current().addEvent(REPAIR_EVENT, Attributes.of(VIOLATIONS, (long) violations));
    }

    /** The answer's confidence was low: a stronger model is asked, in the current feature span. */
    public void escalating(String model) {
        Span.current().addEvent(ESCALATION_EVENT, Attributes.of(ESCALATED_TO, model));
    }
}
