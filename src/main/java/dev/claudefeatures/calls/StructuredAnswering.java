package dev.claudefeatures.calls;

import java.time.Duration;
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
import dev.claudefeatures.messages.Deadline;
import dev.claudefeatures.messages.Message;
import dev.claudefeatures.messages.MessageCall;
import dev.claudefeatures.messages.MessageResponse;
import dev.claudefeatures.messages.StopReason;
import dev.claudefeatures.policy.FeaturePolicy;
import dev.claudefeatures.policy.SchemaCheck;
import dev.claudefeatures.policy.StructuredOutputMode;
import dev.claudefeatures.telemetry.Traces;

/**
 * Schema-shaped answers, asked in the best way each model allows ({@link StructuredOutputMode}),
 * validated on the client, repaired at most once, and, where the policy says so, asked again of
 * a stronger model when the answer's confidence is low. A repair or an escalation starts only
 * while the request's deadline leaves at least as long as the call before it took.
 */
@ApplicationScoped
class StructuredAnswering {

    private static final Logger LOG = Logger.getLogger(StructuredAnswering.class);

    /** A valid answer as JSON, before it is read into the feature's record. */
    record Answered(JsonNode value, String model, String stopReason, boolean escalated, Duration lastCallLatency) {
    }

    private final RecordedCalls calls;
    private final ObjectMapper json;
    private final Traces traces;

    @Inject
    StructuredAnswering(RecordedCalls calls, ObjectMapper json, Traces traces) {
        this.calls = calls;
        this.json = json;
        this.traces = traces;
    }

    /** An answer to {@code input} that fits the policy's schema, with its escalation applied. */
    Answered answer(FeaturePolicy policy, String input, Deadline deadline, TokenTally tally) {
        Answered first = answerOnce(policy, input, false, deadline, tally);
        Optional<FeaturePolicy.Escalation> escalation = policy.escalation();
        if (escalation.isEmpty() || confidence(first, escalation.get()) >= escalation.get().belowConfidence()) {
            return first;
        }
        FeaturePolicy.Escalation to = escalation.get();
        if (!deadline.allows(first.lastCallLatency())) {
            LOG.warnf("Escalation of %s to %s skipped: %d ms of the request's budget left, the first answer took %d ms",
                    policy.feature(), to.model(), deadline.remaining().toMillis(), first.lastCallLatency().toMillis());
            return first;
        }
        traces.escalating(to.model());
        try {
            return answerOnce(policy.onModel(to.model(), to.modelSpec()), input, true, deadline, tally);
        } catch (AnthropicException | StructuredAnswerException | OutOfTimeException failure) {
            // A valid, if less certain, answer beats none: the escalation was only a second opinion.
            LOG.warnf("Escalation of %s to %s failed (%s); answering with %s's", policy.feature(), to.model(),
                    failure.getClass().getSimpleName(), policy.model());
            return first;
        }
    }

    private Answered answerOnce(FeaturePolicy policy, String input, boolean escalation, Deadline deadline,
            TokenTally tally) {
        SchemaCheck schema = policy.schema().orElseThrow();
        StructuredOutputMode mode = StructuredOutputMode.of(policy.modelSpec());
        List<Message> messages = new ArrayList<>(List.of(Message.user(input)));
        MessageCall call = send(policy, mode, schema, messages, escalation, deadline, tally);
        Candidate candidate = candidate(policy, mode, call.response(), schema);
        if (!candidate.violations().isEmpty()) {
            if (!deadline.allows(call.latency())) {
                throw new OutOfTimeException(policy.feature(), "the answer did not fit the schema and no time was left "
                        + "for a repair (" + deadline.remaining().toMillis() + " ms left, the answer took "
                        + call.latency().toMillis() + " ms)");
            }
            traces.repairing(candidate.violations().size());
            messages.add(Message.assistant(call.response().content()));
            messages.add(repairTurn(candidate));
            call = send(policy, mode, schema, messages, escalation, deadline, tally);
            candidate = candidate(policy, mode, call.response(), schema);
            if (!candidate.violations().isEmpty()) {
                throw new StructuredAnswerException(StructuredAnswerException.Kind.INVALID, policy.feature(),
                        policy.model(), "the answer does not fit the schema, even after a repair",
                        candidate.violations());
            }
        }
        return new Answered(candidate.value(), policy.model(), call.response().stopReason().wireName(), escalation,
                call.latency());
    }

    private MessageCall send(FeaturePolicy policy, StructuredOutputMode mode, SchemaCheck schema,
            List<Message> messages, boolean escalation, Deadline deadline, TokenTally tally) {
        MessageCall call = calls.send(policy, RequestPlanner.planStructured(policy, mode, schema, messages).build(),
                escalation, deadline);
        tally.add(call);
        return call;
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

    private static double confidence(Answered answer, FeaturePolicy.Escalation escalation) {
        JsonNode value = answer.value().path(escalation.confidenceField());
        // A schema-valid answer has it; if a schema forgot it, a missing confidence is no confidence.
        return value.isNumber() ? value.asDouble() : 0;
    }
}
