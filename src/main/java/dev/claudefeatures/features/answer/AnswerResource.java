package dev.claudefeatures.features.answer;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.claudefeatures.calls.Feature;
import dev.claudefeatures.calls.FeatureCalls;
import dev.claudefeatures.calls.TextAnswer;
import dev.claudefeatures.calls.TokenUsage;

/**
 * {@code POST /answer {"documents": ["...", ...], "question": "..."}}: an answer from the
 * documents alone. The documents are the cached prefix: further questions about the same
 * documents read them back from the cache.
 */
@Feature("answer")
@Path("/answer")
public class AnswerResource {

    public record Question(List<String> documents, String question) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Answer(String answer, String model, String stopReason, TokenUsage usage) {
    }

    @Inject
    FeatureCalls calls;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Answer answer(Question request) {
        TextAnswer answer = calls.fromDocuments(request == null ? null : request.documents(),
                request == null ? null : request.question());
        return new Answer(answer.text(), answer.model(), answer.stopReason(), answer.usage());
    }
}
