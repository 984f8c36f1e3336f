package dev.claudefeatures.calls;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.claudefeatures.messages.AnthropicException;
import dev.claudefeatures.messages.Deadline;
import dev.claudefeatures.messages.MessageCall;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.messages.MessagesClient;
import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.telemetry.CallContext;
import dev.claudefeatures.telemetry.CallRecorder;

/** One Messages API call of a feature, inside the request's deadline, recorded whatever its end. */
@ApplicationScoped
class RecordedCalls {

    private final MessagesClient client;
    private final CallRecorder recorder;

    @Inject
    RecordedCalls(MessagesClient client, CallRecorder recorder) {
        this.client = client;
        this.recorder = recorder;
    }

    /** @param escalation whether this call re-does a cheaper model's work on a stronger one */
    MessageCall send(FeaturePolicy policy, MessageRequest request, boolean escalation, Deadline deadline) {
        CallContext context = new CallContext(policy.feature(), request.model(), policy.prices(), escalation);
        try {
            MessageCall call = client.create(request, deadline);
            recorder.succeeded(context, request, call);
            return call;
        } catch (AnthropicException failure) {
            if (failure.attempts() > 0) {
                recorder.failed(context, request, failure);
            }
            throw failure;
        }
    }
}
