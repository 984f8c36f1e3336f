package dev.claudefeatures.policy;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.claudefeatures.messages.AnthropicException;
import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageCall;
import dev.claudefeatures.messages.MessageRequest;
import dev.claudefeatures.messages.MessagesClient;
import dev.claudefeatures.telemetry.CallContext;
import dev.claudefeatures.telemetry.CallRecorder;

/**
 * What a feature calls: its policy applied to its messages, sent through the client, and every
 * call, failed ones too, handed to telemetry. No feature can make an unrecorded call.
 */
@ApplicationScoped
public class FeatureCalls {

    private final Policies policies;
    private final MessagesClient client;
    private final CallRecorder recorder;

    @Inject
    public FeatureCalls(Policies policies, MessagesClient client, CallRecorder recorder) {
        this.policies = policies;
        this.client = client;
        this.recorder = recorder;
    }

    public FeaturePolicy policy(String feature) {
        return policies.of(feature);
    }

    public MessageCall complete(String feature, List<Message> messages) {
        FeaturePolicy policy = policies.of(feature);
        return send(policy, RequestPlanner.plan(policy, messages).build(), false);
    }

    /** Sends a request planned for {@code policy}; {@code escalation} marks a retry on a stronger model. */
    public MessageCall send(FeaturePolicy policy, MessageRequest request, boolean escalation) {
        CallContext context = new CallContext(policy.feature(), request.model(), policy.prices(), escalation);
        long start = System.nanoTime();
        try {
            MessageCall call = client.create(request);
            recorder.succeeded(context, request, call);
            return call;
        } catch (AnthropicException failure) {
            recorder.failed(context, request, failure, Duration.ofNanos(System.nanoTime() - start));
            throw failure;
        }
    }
}
