package dev.claudefeatures.calls;

import java.util.function.Consumer;

import dev.claudefeatures.messages.Deadline;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.telemetry.Traces;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/** A planned chat turn, ready to stream once; from {@link FeatureCalls#chatStream}. */
public final class ChatStream {

    private final RecordedCalls calls;
    private final Traces traces;
    private final FeaturePolicy policy;
    private final MessageRequest request;
    private final Deadline deadline;
    /** The request's trace context, taken on its thread, for a stream that runs on another. */
    private final Context requestTrace = Context.current();

    ChatStream(RecordedCalls calls, Traces traces, FeaturePolicy policy, MessageRequest request, Deadline deadline) {
        this.calls = calls;
        this.traces = traces;
        this.policy = policy;
        this.request = request;
        this.deadline = deadline;
    }

    /**
     * Streams the answer, handing each piece of text to {@code onText} as it arrives (on this
     * thread), and returns it whole. The call is recorded whatever its end.
     */
    public TextAnswer run(Consumer<String> onText, CallCancellation cancellation) {
        try (Scope inRequestTrace = requestTrace.makeCurrent()) {
            return traces.feature(policy.feature(), () -> FeatureRequests.answer(calls.stream(policy, request, deadline,
                    onText, cancellation.stream).response()));
        }
    }
}
