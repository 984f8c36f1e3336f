package dev.claudefeatures.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.claudefeatures.messages.AnthropicException;
import dev.claudefeatures.messages.ContentBlock;
import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageCall;
import dev.claudefeatures.messages.MessageResponse;
import dev.claudefeatures.messages.StopReason;

/**
 * Schema-shaped answers, asked in the best way each model allows ({@link StructuredOutputMode}),
 * validated on the client, repaired at most once, and, where the policy says so, asked again of
 * a stronger model when the answer's confidence is low.
 */
@ApplicationScoped
public class StructuredCalls {

    private static final Logger LOG = Logger.getLogger(StructuredCalls.class);

    private final FeatureCalls calls;
    private final ObjectMapper json;

    @Inject
    public StructuredCalls(FeatureCalls calls, ObjectMapper json) {
        this.calls = calls;
        this.json = json;
    }

    /** An answer to {@code input} that fits {@code schema}, with the policy's escalation applied. */
    public StructuredAnswer call(FeaturePolicy policy, SchemaCheck schema, String input) {
        StructuredAnswer first = answer(policy, schema, input, false);
        Optional<FeaturePolicy.Escalation> escalation = policy.escalation();
        if (escalation.isEmpty() || confidence(first, escalation.get()) >= escalation.get().belowConfidence()) {
            return first;
        }
        FeaturePolicy.Escalation to = escalation.get();
        try {
            return answer(policy.onModel(to.model(), to.modelSpec()), schema, input, true);
        } catch (AnthropicException | StructuredAnswerException failure) {
            // A valid, if less certain, answer beats none: the escalation was only a second opinion.
            LOG.warnf("Escalation of %s to %s failed (%s); answering with %s's", policy.feature(), to.model(),
                    failure.getClass().getSimpleName(), policy.model());
            return first;
        }
    }

    private StructuredAnswer answer(FeaturePolicy policy, SchemaCheck schema, String input, boolean escalation) {
        StructuredOutputMode mode = StructuredOutputMode.of(policy.modelSpec());
        List<Message> messages = new ArrayList<>(List.of(Message.user(input)));
        MessageCall call = send(policy, mode, schema, messages, escalation);
        Candidate candidate = candidate(policy, mode, call.response(), schema);
        if (!candidate.violations().isEmpty()) {
            messages.add(Message.assistant(call.response().content()));
            messages.add(repairTurn(candidate));
            candidate = candidate(policy, mode, send(policy, mode, schema, messages, escalation).response(), schema);
            if (!candidate.violations().isEmpty()) {
                throw new StructuredAnswerException(StructuredAnswerException.Kind.INVALID, policy.feature(),
                        policy.model(), "the answer does not fit the schema, even after a repair",
                        candidate.violations());
            }
        }
        return new StructuredAnswer(candidate.value(), policy.model(), escalation);
    }

    private MessageCall send(FeaturePolicy policy, StructuredOutputMode mode, SchemaCheck schema,
            List<Message> messages, boolean escalation) {
        return calls.send(policy, RequestPlanner.planStructured(policy, mode, schema, messages).build(),
                escalation);
    }

    /** The answer's JSON and what is wrong with it; the {@code toolUseId} a repair must answer. */
    private record Candidate(JsonNode value, List<String> violations, String toolUseId) {
    }

    private Candidate candidate(FeaturePolicy policy, StructuredOutputMode mode, MessageResponse response,
            SchemaCheck schema) {
        StopReason stop = response.stopReason();
        if (stop == StopReason.MAX_TOKENS || stop == StopReason.MODEL_CONTEXT_WINDOW_EXCEEDED) {
            throw new StructuredAnswerException(StructuredAnswerException.Kind.INCOMPLETE, policy.feature(),
                    policy.model(), "the answer was cut off (" + stop.wireName() + ", max_tokens "
                            + policy.maxTokens() + ")", List.of());
        }
        if (stop == StopReason.REFUSAL) {
            throw new StructuredAnswerException(StructuredAnswerException.Kind.REFUSED, policy.feature(),
                    policy.model(), "the model declined to answer", List.of());
        }
        if (mode.usesTool()) {
            String tool = RequestPlanner.toolName(policy.feature());
            Optional<ContentBlock.ToolUse> use = response.blocks(ContentBlock.ToolUse.class).stream()
                    .filter(block -> tool.equals(block.name())).findFirst();
            if (use.isEmpty()) {
                return new Candidate(null, List.of("(root): the answer did not call the tool " + tool), null);
            }
            return new Candidate(use.get().input(), schema.violations(use.get().input()), use.get().id());
        }
        try {
            JsonNode value = json.readTree(response.text());
            return new Candidate(value, schema.violations(value), null);
        } catch (Exception notJson) {
            return new Candidate(null, List.of("(root): the answer is not valid JSON"), null);
        }
    }

    /** Tells the model what was wrong: as an error result of its tool call, or as a user turn. */
    private static Message repairTurn(Candidate candidate) {
        String problems = "Your answer does not fit the schema:\n- " + String.join("\n- ", candidate.violations())
                + "\nAnswer again, with every field fitting the schema.";
        if (candidate.toolUseId() != null) {
            return Message.user(List.of(new ContentBlock.ToolResult(candidate.toolUseId(), TextNode.valueOf(problems),
                    true, null)));
        }
        return Message.user(problems);
    }

    private static double confidence(StructuredAnswer answer, FeaturePolicy.Escalation escalation) {
        JsonNode value = answer.value().path(escalation.confidenceField());
        // A schema-valid answer has it; if a schema forgot it, a missing confidence is no confidence.
        return value.isNumber() ? value.asDouble() : 0;
    }
}
