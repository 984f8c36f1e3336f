package dev.claudefeatures.calls;

import java.util.function.Consumer;

import dev.claudefeatures.messages.Deadline;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.policy.FeaturePolicy;

/** A planned chat turn, ready to stream once; from {@link FeatureCalls#chatStream}. */
public final class ChatStream {

    private final RecordedCalls calls;
    private final FeaturePolicy policy;
    private final MessageRequest request;
    private final Deadline deadline;

    ChatStream(RecordedCalls calls, FeaturePolicy policy, MessageRequest request, Deadline deadline) {
        this.calls = calls;
        this.policy = policy;
        this.request = request;
        this.deadline = deadline;
    }

    /**
     * Streams the answer, handing each piece of text to {@code onText} as it arrives (on this
     * thread), and returns it whole. The call is recorded whatever its end.
     */
    public TextAnswer run(Consumer<String> onText, CallCancellation cancellation) {
        return FeatureCalls.answer(calls.stream(policy, request, deadline, onText, cancellation.stream).response());
    }
}
