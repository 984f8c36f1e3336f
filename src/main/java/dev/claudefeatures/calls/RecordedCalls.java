package dev.claudefeatures.calls;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.claudefeatures.messages.AnthropicConfig;
import dev.claudefeatures.messages.AnthropicException;
import dev.claudefeatures.messages.Deadline;
import dev.claudefeatures.messages.MessageCall;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.messages.MessagesClient;
import dev.claudefeatures.messages.Provider;
import dev.claudefeatures.messages.RequestDiagnostics;
import dev.claudefeatures.messages.StreamCancellation;
import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.telemetry.CallContext;
import dev.claudefeatures.telemetry.CallRecord;
import dev.claudefeatures.telemetry.CallRecorder;
import dev.claudefeatures.telemetry.CallSpan;
import dev.claudefeatures.telemetry.Traces;

/** One Messages API call of a feature, inside the request's deadline, recorded and traced whatever its end. */
@ApplicationScoped
class RecordedCalls {

    private final MessagesClient client;
    private final CallRecorder recorder;
    private final Traces traces;
    private final Provider provider;
    /** The last message of each feature in this warm environment, for cache-miss diagnostics. */
    private final Map<String, String> previousMessage = new ConcurrentHashMap<>();

    @Inject
    RecordedCalls(MessagesClient client, CallRecorder recorder, Traces traces, AnthropicConfig anthropic) {
        this.provider = anthropic.provider();
        this.client = client;
        this.recorder = recorder;
        this.traces = traces;
    }

    /** @param escalation whether this call re-does a cheaper model's work on a stronger one */
    MessageCall send(FeaturePolicy policy, MessageRequest planned, boolean escalation, Deadline deadline) {
        CallContext context = new CallContext(policy.feature(), planned.model(), policy.prices(provider), escalation);
        boolean diagnosed = diagnosed(policy);
        String previous = diagnosed ? previousMessage.get(policy.feature()) : null;
        MessageRequest request = previous == null ? planned : planned.withDiagnostics(new RequestDiagnostics(previous));
        try (CallSpan span = traces.call(context, request, false)) {
            try {
                MessageCall call = client.create(request, deadline);
                if (diagnosed && call.response().id() != null) {
                    previousMessage.put(policy.feature(), call.response().id());
                }
                span.succeeded(recorder.succeeded(context, request, call), call.response());
                return call;
            } catch (AnthropicException failure) {
                CallRecord record = failure.attempts() > 0 ? recorder.failed(context, request, failure) : null;
                span.failed(failure, record);
                throw failure;
            } catch (RuntimeException defect) {
                span.failed(defect);
                throw defect;
            }
        }
    }

    /** Cache diagnostics are the API's (and Claude Platform on AWS's): Bedrock has no such field. */
    private boolean diagnosed(FeaturePolicy policy) {
        return policy.cache().diagnostics() && provider != Provider.BEDROCK;
    }

    /**
     * One streamed call: each text delta to {@code onText} as it arrives, recorded with its time to
     * the first text, also when it breaks off midway (with the usage reported until then).
     */
    MessageCall stream(FeaturePolicy policy, MessageRequest planned, Deadline deadline, Consumer<String> onText,
            StreamCancellation cancellation) {
        CallContext context = new CallContext(policy.feature(), planned.model(), policy.prices(provider), false);
        long start = System.nanoTime();
        long[] firstText = {0};
        Consumer<String> timed = text -> {
            if (firstText[0] == 0) {
                firstText[0] = System.nanoTime();
            }
            onText.accept(text);
        };
        try (CallSpan span = traces.call(context, planned, true)) {
            try {
                MessageCall call = client.stream(planned, deadline, timed, cancellation);
                span.succeeded(recorder.succeeded(context, planned, call, sinceStart(start, firstText[0])),
                        call.response());
                return call;
            } catch (AnthropicException failure) {
                CallRecord record = failure.attempts() > 0
                        ? recorder.failed(context, planned, failure, sinceStart(start, firstText[0]))
                        : null;
                span.failed(failure, record);
                throw failure;
            } catch (RuntimeException defect) {
                span.failed(defect);
                throw defect;
            }
        }
    }

    private static Duration sinceStart(long start, long firstText) {
        return firstText == 0 ? null : Duration.ofNanos(firstText - start);
    }
}
