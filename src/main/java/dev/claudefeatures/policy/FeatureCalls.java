package dev.claudefeatures.policy;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageCall;
import dev.claudefeatures.messages.MessagesClient;

/** What a feature calls: its policy applied to its messages, sent through the client. */
@ApplicationScoped
public class FeatureCalls {

    private final Policies policies;
    private final MessagesClient client;

    @Inject
    public FeatureCalls(Policies policies, MessagesClient client) {
        this.policies = policies;
        this.client = client;
    }

    public FeaturePolicy policy(String feature) {
        return policies.of(feature);
    }

    public MessageCall complete(String feature, List<Message> messages) {
        return client.create(RequestPlanner.plan(policies.of(feature), messages).build());
    }
}
