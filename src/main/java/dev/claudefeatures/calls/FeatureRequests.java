package dev.claudefeatures.calls;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.claudefeatures.messages.ContentBlock;
import dev.claudefeatures.messages.Deadline;
import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageCall;
import dev.claudefeatures.messages.MessageResponse;
import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.policy.Policies;
import dev.claudefeatures.telemetry.Traces;

/**
 * What every feature's request goes through, behind each resource's {@link FeatureCalls}. Given
 * the feature's name and its input, it checks the input
 * against the feature's policy, plans the requests, repairs and escalates where the policy says
 * so, records and traces every call (one span per request, one per call), and keeps all of one request's calls inside one deadline
 * ({@link RequestBudget}). Features see answers, never wire types.
 */
@ApplicationScoped
class FeatureRequests {

    private final Policies policies;
    private final RequestBudget budget;
    private final RecordedCalls calls;
    private final StructuredAnswering structured;
    private final ObjectMapper json;
    private final Traces traces;

    @Inject
    FeatureRequests(Policies policies, RequestBudget budget, RecordedCalls calls, StructuredAnswering structured,
            ObjectMapper json, Traces traces) {
        this.policies = policies;
        this.budget = budget;
        this.calls = calls;
        this.structured = structured;
        this.json = json;
        this.traces = traces;
    }

    /** A text answer to {@code input}, e.g. a summary; a bad input is refused before any call. */
    TextAnswer text(String feature, FeatureInput input) {
        return traces.feature(feature, () -> {
            FeaturePolicy policy = policies.of(feature);
            String checked = checked(policy, input);
            MessageCall call = calls.send(policy, RequestPlanner.plan(policy, List.of(Message.user(checked))).build(),
                    false, budget.start());
            return answer(call.response());
        });
    }

    /** The input's fields checked by the facade's rules, then by the feature's own, as the prompt's text. */
    private String checked(FeaturePolicy policy, FeatureInput input) {
        String text;
        try {
            text = FeatureMessages.fields(policy, json.<ObjectNode>valueToTree(
                    Objects.requireNonNull(input, "the request reader gives every feature an input")));
        } catch (IllegalArgumentException notText) {
            throw new IllegalStateException(input.getClass().getName() + ": every field of a FeatureInput is a String",
                    notText);
        }
        input.check();
        return text;
    }

    /**
     * A text answer to {@code question} from {@code documents}, each sent as a document block
     * before the question, where the policy's {@code cache.documents} breakpoint can hold them.
     */
    TextAnswer fromDocuments(String feature, List<String> documents, String question) {
        return traces.feature(feature, () -> {
            FeaturePolicy policy = policies.of(feature);
            MessageCall call = calls.send(policy, RequestPlanner.plan(policy, FeatureMessages.documents(policy,
                    documents, question)).build(), false, budget.start());
            return answer(call.response());
        });
    }

    /** The next assistant turn of a conversation, in one answer. */
    TextAnswer chat(String feature, List<ChatTurn> turns) {
        return traces.feature(feature, () -> {
            FeaturePolicy policy = policies.of(feature);
            MessageCall call = calls.send(policy, RequestPlanner.plan(policy, FeatureMessages.conversation(policy,
                    turns)).build(), false, budget.start());
            return answer(call.response());
        });
    }

    /**
     * The next assistant turn of a conversation, to be streamed: the input is checked, the request
     * planned and its deadline started here, on the request's thread; the returned stream may run
     * on another, its spans still in the request's trace.
     */
    ChatStream chatStream(String feature, List<ChatTurn> turns) {
        FeaturePolicy policy = policies.of(feature);
        return new ChatStream(calls, traces, policy, RequestPlanner.plan(policy, FeatureMessages.conversation(policy,
                turns)).build(), budget.start());
    }

    static TextAnswer answer(MessageResponse response) {
        return new TextAnswer(response.text(), response.model(), response.stopReason().wireName(),
                TokenUsage.of(response.usage()), false);
    }

    /** An answer to {@code input} that fits the feature's schema, read into {@code type}. */
    <T> StructuredAnswer<T> structured(String feature, FeatureInput input, Class<T> type) {
        return traces.feature(feature, () -> {
            FeaturePolicy policy = policies.of(feature);
            String checked = checked(policy, input);
            Deadline deadline = budget.start();
            TokenTally tally = new TokenTally();
            StructuredAnswering.Answered answer = structured.answer(policy, checked, deadline, tally);
            return new StructuredAnswer<>(read(answer, type), answer.model(), answer.stopReason(), tally.total(),
                    answer.escalated());
        });
    }

    private <T> T read(StructuredAnswering.Answered answer, Class<T> type) {
        try {
            return json.treeToValue(answer.value(), type);
        } catch (JsonProcessingException e) {
            // The schema accepted it, so the record and the schema disagree: a defect, not bad input.
            throw new IllegalStateException("a schema-valid answer does not read into " + type.getName(), e);
        }
    }

    /**
     * The facade of the feature whose resource asks for it: the {@link Feature} its class declares,
     * so that no resource names its feature twice (and a misspelling reaches no request).
     */
    @Produces
    @Dependent
    FeatureCalls forTheDeclaredFeature(InjectionPoint at) {
        Class<?> declaring = at.getMember().getDeclaringClass();
        Feature feature = declaring.getAnnotation(Feature.class);
        if (feature == null) {
            throw new IllegalStateException(declaring.getName() + " injects FeatureCalls but declares no @Feature");
        }
        return new FeatureCalls(feature.value(), this);
    }
}
